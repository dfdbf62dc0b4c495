"""Account lookup: by account id, e-mail (canonicalised, so gmail dot/plus variants
match), IP, card fingerprint, device id or phone. Shows the account, its cluster and
campaign, and the accounts sharing each of its values."""

from __future__ import annotations

import polars as pl
import streamlit as st
from fraudgraph.app import data
from fraudgraph.app.components import label_form, masking
from fraudgraph.app.components.context import guard, require_run

ctx = require_run()
st.title("Account lookup")

KINDS = {
    "any": "anything",
    "account": "account id",
    "email": "e-mail",
    "ip": "IP address",
    "card": "card fingerprint",
    "device": "device id",
    "phone": "phone",
}
c1, c2 = st.columns([3, 1])
text = c1.text_input(
    "Search",
    key="lookup-text",
    max_chars=320,
    value=st.query_params.get("q", ""),
    placeholder="account id, e-mail, IP, card fingerprint, device id or phone",
)
kind = c2.selectbox("Search by", list(KINDS), format_func=KINDS.get, key="lookup-kind")

if not text.strip():
    st.info(
        "Type an account id, e-mail, IP address, card fingerprint, device id or phone "
        "number. E-mails are matched in canonical form: `J.Doe+x@gmail.com` finds "
        "`jdoe@gmail.com`."
    )
    st.stop()

with guard("Searching"):
    hits = data.lookup_accounts(ctx.db, ctx.run_id, text, kind)
if hits.height == 0:
    st.warning(f"No account matches {text.strip()!r} ({KINDS[kind]}) in run {ctx.run_id}.")
    st.stop()

if hits.height > 1:
    st.caption(f"{hits.height} accounts match" + (" (the first 50)" if hits.height >= 50 else ""))
    st.dataframe(masking.accounts(hits, ctx.reveal), hide_index=True, width="stretch")
    account_id = st.selectbox("Show account", hits["account_id"].to_list(), key="lookup-pick")
else:
    account_id = hits["account_id"][0]

with guard("Reading the account"):
    account = data.account_row(ctx.db, ctx.run_id, account_id)
    values = data.account_values(ctx.db, ctx.run_id, account_id)
    manual = data.manual_labels_for(ctx.db, [account_id])
if account is None:
    st.warning(f"Account {account_id!r} is not in run {ctx.run_id}.")
    st.stop()

st.header(f"Account {account_id}")
facts = masking.accounts(pl.DataFrame([account]), ctx.reveal).row(0, named=True)
label_now = manual["label"][0] if manual.height else account.get("label_at_run")
c1, c2, c3 = st.columns(3)
c1.markdown(
    f"**Created** {facts['created_at']:%Y-%m-%d %H:%M} UTC  \n"
    f"**E-mail** {facts['email'] or '—'}  \n**Phone** {facts['phone'] or '—'}  \n"
    f"**Country** {facts['country'] or '—'}"
)
c2.markdown(
    f"**Signup IP** {facts['signup_ip'] or '—'}  \n"
    f"**Device** {facts['signup_device_id'] or '—'}  \n"
    f"**Browser** {facts['ua_family'] or '—'}{' (headless)' if facts['ua_headless'] else ''}  \n"
    f"**Organisation** {facts['org_id'] or '—'}"
)
with c3:
    st.markdown(f"**Label** {label_now or 'none'}")
    if manual.height:
        st.caption(
            f"set by {manual['actor'][0]} at {manual['ts'][0]:%Y-%m-%d %H:%M}"
            + (f": {manual['note'][0]}" if manual["note"][0] else "")
        )

if account.get("cluster_id"):
    st.markdown(
        f"In cluster **{account['cluster_id']}** (score {account['cluster_score']:.2f}, "
        f"{account['cluster_size']:,} accounts) of campaign **{account['campaign_id']}** "
        f"(score {account['campaign_score']:.2f}, {account['campaign_size']:,} accounts); "
        f"membership strength {account['strength']:.2f}"
        + ("" if account["exportable"] else " — not exportable")
        + "."
    )
    l1, l2 = st.columns(2)
    with l1:
        st.page_link(
            "pages/detail.py",
            query_params={"cluster": account["cluster_id"]},
            label=f"Open cluster {account['cluster_id']}",
            icon=":material/hub:",
        )
    with l2:
        st.page_link(
            "pages/detail.py",
            query_params={"campaign": account["campaign_id"]},
            label=f"Open campaign {account['campaign_id']}",
            icon=":material/hub:",
        )
    if account.get("cluster_reasons"):
        st.caption(account["cluster_reasons"])
else:
    st.markdown("Not in any cluster in this run.")

st.subheader("Accounts sharing its values")
if values.height == 0:
    st.info("No attribute values recorded for this account.")
else:
    shown = masking.values(values, ctx.reveal).with_columns(
        pl.col("some_accounts").list.join(", ").alias("some_accounts")
    )
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={
            "accounts_sharing": "accounts holding it",
            "some_accounts": st.column_config.TextColumn("some of the others", width="large"),
            "weight": st.column_config.NumberColumn(format="%.3f"),
        },
    )

st.subheader("Label this account")
label_form.show(ctx, scope="account", target=account_id, key="label-account")
