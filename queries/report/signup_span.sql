-- First and last signup of the report's accounts (to pick the timeline's bin width).
-- Inputs: report_members, accounts.
SELECT min(a.created_at) AS first_signup, max(a.created_at) AS last_signup,
       count(a.created_at) AS accounts
FROM report_members r
JOIN accounts a USING (account_id)
