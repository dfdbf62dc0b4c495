"""Small hand-built populations whose right answer is obvious.

Each builder adds accounts (and their payments, IPs, devices, API requests) to a
:class:`Population`, which writes the contract's input tables as CSV. The
background of ordinary singles gives the null model something to compare with.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

BASE = datetime(2026, 4, 1)
POPULAR = [f"tpl_popular_{i:02d}" for i in range(25)]


@dataclass
class Population:
    seed: int = 1
    accounts: list[dict] = field(default_factory=list)
    payments: list[dict] = field(default_factory=list)
    ip_events: list[dict] = field(default_factory=list)
    devices: list[dict] = field(default_factory=list)
    api_requests: list[dict] = field(default_factory=list)
    labels: list[dict] = field(default_factory=list)
    truth: dict[str, tuple[int, str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self._n = 0

    # -- primitives -----------------------------------------------------------
    def new_id(self, prefix: str) -> str:
        self._n += 1
        return f"{prefix}{self._n:05d}"

    def account(
        self, group: str, created_at: datetime, *, fake: bool = False, ring: str = "", **attrs
    ) -> str:
        account_id = self.new_id("a")
        row = {
            "account_id": account_id,
            "created_at": created_at.isoformat() + "Z",
            "email": attrs.pop("email", f"user{self._n}@example{self._n % 97}.com"),
            "phone": attrs.pop("phone", ""),
            "country": attrs.pop("country", "US"),
            "signup_ip": attrs.pop(
                "signup_ip", f"81.{self._n % 250}.{self._n // 250 % 250}.{7 + self._n % 200}"
            ),
            "signup_device_id": attrs.pop("device", f"dev_{account_id}"),
            "user_agent": attrs.pop(
                "user_agent",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
                "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
            ),
            "org_id": attrs.pop("org_id", ""),
        }
        assert not attrs, attrs
        self.accounts.append(row)
        self.truth[account_id] = (int(fake), ring, group)
        return account_id

    def pay(self, account_id: str, card: str, ts: datetime, bin_: str = "411111") -> None:
        self.payments.append(
            {
                "account_id": account_id,
                "ts": ts.isoformat(),
                "card_fingerprint": card,
                "card_bin": bin_,
                "amount": "20.00",
                "currency": "USD",
            }
        )

    def login(self, account_id: str, ip: str, ts: datetime) -> None:
        self.ip_events.append(
            {"account_id": account_id, "ts": ts.isoformat(), "ip": ip, "event": "login"}
        )

    def requests(
        self,
        account_id: str,
        templates: list[str],
        hours: list[datetime],
        per_hour: int = 1,
        output_tokens: int = 300,
        ip: str = "",
    ) -> None:
        for hour in hours:
            for _ in range(per_hour):
                ts = hour + timedelta(minutes=self.rng.randrange(60))
                self.api_requests.append(
                    {
                        "account_id": account_id,
                        "ts": ts.isoformat(),
                        "model": "m-1",
                        "input_tokens": 200,
                        "output_tokens": output_tokens,
                        "prompt_fingerprint": self.rng.choice(templates),
                        "ip": ip,
                    }
                )

    def human_hours(self, n: int, start: datetime = BASE, days: int = 80) -> list[datetime]:
        """Random daytime hours over the window (a person's irregular use)."""
        return sorted(
            {
                start + timedelta(days=self.rng.randrange(days), hours=self.rng.randrange(8, 22))
                for _ in range(n)
            }
        )

    # -- groups ---------------------------------------------------------------
    def background(self, n: int = 400) -> list[str]:
        ids = []
        for _ in range(n):
            created = datetime(2024, 1, 1) + timedelta(minutes=self.rng.randrange(800 * 24 * 60))
            a = self.account("single", created, country=self.rng.choice(["US", "DE", "IN"]))
            own = [f"tpl_own_{a}_{i}" for i in range(3)]
            self.requests(a, POPULAR + own, self.human_hours(self.rng.randrange(3, 25)))
            ids.append(a)
        return ids

    def household(self) -> list[str]:
        ip, device = "82.10.20.30", "dev_family_laptop"
        ids = []
        for i in range(4):
            created = datetime(2025, 1, 5) + timedelta(days=70 * i, hours=i)
            a = self.account("household", created, signup_ip=ip, device=device)
            self.login(a, ip, BASE + timedelta(days=3 * i))
            self.requests(a, POPULAR, self.human_hours(15), ip=ip)
            ids.append(a)
        self.pay(ids[0], "tok_family_card", BASE)
        self.pay(ids[1], "tok_family_card", BASE + timedelta(days=2))
        return ids

    def university(self, n: int = 80) -> list[str]:
        nat = ["130.91.0.10", "130.91.0.11"]
        ids = []
        for i in range(n):
            created = datetime(2026, 4, 27, 8) + timedelta(minutes=self.rng.randrange(3 * 24 * 60))
            a = self.account(
                "university", created, email=f"student{i}@uni.edu", signup_ip=nat[i % 2]
            )
            self.login(a, nat[i % 2], created + timedelta(days=1))
            self.requests(
                a,
                POPULAR,
                self.human_hours(12, start=datetime(2026, 4, 27), days=50),
                ip=nat[i % 2],
            )
            ids.append(a)
        return ids

    def company(self, n: int = 15) -> list[str]:
        ids = []
        for i in range(n):
            created = datetime(2025, 3, 1) + timedelta(days=9 * i)
            a = self.account(
                "company",
                created,
                email=f"emp{i}@acme.example",
                org_id="org_acme",
                signup_ip="198.51.100.7",
            )
            self.pay(a, "tok_acme_corporate", created)
            self.requests(
                a, POPULAR + ["tpl_acme_internal"], self.human_hours(20), ip="198.51.100.7"
            )
            ids.append(a)
        return ids

    def team(self, n: int = 8) -> list[str]:
        ids = []
        for i in range(n):
            created = datetime(2025, 9, 1) + timedelta(days=11 * i, hours=i)
            a = self.account("team", created, email=f"dev{i}@gmail.com", signup_ip="203.0.113.40")
            self.pay(a, "tok_team_card", created)
            self.login(a, "203.0.113.40", BASE + timedelta(days=i))
            self.requests(a, POPULAR + ["tpl_team_tool"], self.human_hours(20), ip="203.0.113.40")
            ids.append(a)
        return ids

    def onboarding_team(self, n: int = 12) -> list[str]:
        """A team without a declared org onboarding one afternoon: one card, one office
        IP, signups minutes apart, and a handful of internal prompt templates."""
        internal = [f"tpl_team_internal_{i}" for i in range(4)]
        ids = []
        for i in range(n):
            created = datetime(2025, 11, 3, 13) + timedelta(minutes=12 * i)
            a = self.account(
                "onboarding_team", created, email=f"eng{i}@gmail.com", signup_ip="203.0.113.90"
            )
            self.pay(a, "tok_startup_card", created)
            own = [f"tpl_own_{a}_{j}" for j in range(3)]
            self.requests(a, POPULAR + internal + own, self.human_hours(25), ip="203.0.113.90")
            ids.append(a)
        return ids

    def coordinated_team(self, n: int = 20) -> list[str]:
        """A company team without a declared org that is as coordinated as a ring:
        onboarded one afternoon minutes apart, 15 internal prompt templates, and
        the same office hours every weekday. What gives it away as a company is
        its own domain, its office IP and its corporate card."""
        internal = [f"tpl_acme_internal_{i}" for i in range(15)]
        days = [
            BASE + timedelta(days=d) for d in range(40) if (BASE + timedelta(days=d)).weekday() < 5
        ]
        office = [d + timedelta(hours=h) for d in days for h in (14, 15, 16, 19, 20)]
        ids = []
        for i in range(n):
            created = datetime(2026, 3, 30, 14) + timedelta(minutes=4 * i)
            a = self.account(
                "coordinated_team", created, email=f"eng{i}@acme-robotics.io",
                signup_ip="198.51.100.77",
            )  # fmt: skip
            self.pay(a, "tok_acme_corporate", created)
            hours = [h for h in office if self.rng.random() < 0.7]
            self.requests(a, internal + POPULAR[:3], hours, ip="198.51.100.77")
            ids.append(a)
        return ids

    def hackathon(self, n: int = 30) -> list[str]:
        """A hackathon as coordinated as a ring: everyone signs up at the venue within
        the hour on a personal address, then works through the same 12 tutorial
        templates at the venue in the same hours for three days, and afterwards uses
        the service alone. What gives it away as an event is the one sitting at one
        address, each person on their own machine."""
        tutorial = [f"tpl_hackathon_step_{i}" for i in range(12)]
        venue = "203.0.113.50"
        start = datetime(2026, 4, 10, 9)
        event = [start + timedelta(days=d, hours=h) for d in range(3) for h in range(10, 18)]
        ids = []
        for i in range(n):
            created = start + timedelta(minutes=2 * i)
            a = self.account(
                "hackathon", created, email=f"hacker{self.rng.randrange(10**5)}@gmail.com",
                signup_ip=venue,
            )  # fmt: skip
            self.requests(a, tutorial, [h for h in event if self.rng.random() < 0.8], ip=venue)
            self.requests(a, POPULAR[:5], self.human_hours(15, start=start + timedelta(days=4)))
            ids.append(a)
        return ids

    def framework_users(self, n: int = 10, *, scheduled: bool = False) -> list[str]:
        """Strangers on one agent framework: each runs many of its 40 prompt templates,
        at their own hours, signed up at random times, except two pairs who happened
        to sign up minutes apart with the same common context (US, Chrome, gmail).

        ``scheduled``: the framework's jobs run at fixed UTC hours, so every user is
        active in most of the same 60 hours, and nobody signs up near anybody."""
        framework = [f"tpl_framework_{i}" for i in range(40)]
        pairs = [datetime(2025, 6, 2, 10), datetime(2025, 9, 14, 18)]
        schedule = [BASE + timedelta(days=d, hours=h) for d in range(20) for h in (6, 7, 8)]
        ids = []
        for i in range(n):
            if scheduled:
                created = datetime(2024, 3, 1) + timedelta(days=40 * i, hours=i)
            elif i < 4:
                created = pairs[i // 2] + timedelta(minutes=9 * (i % 2))
            else:
                created = datetime(2024, 3, 1) + timedelta(
                    minutes=self.rng.randrange(600 * 24 * 60)
                )
            a = self.account(
                "framework", created, email=f"dev{self.rng.randrange(10**4)}@gmail.com"
            )
            used = self.rng.sample(framework, 25)
            if scheduled:
                hours = [h for h in schedule if self.rng.random() < 0.8]
            else:
                hours = self.human_hours(30)
            self.requests(a, POPULAR[:5] + used, hours, per_hour=2)
            ids.append(a)
        return ids

    def _ring(
        self,
        ring: str,
        n: int,
        *,
        start: datetime,
        templates: list[str],
        schedule_hours: tuple[int, ...],
        **per_account,
    ) -> list[str]:
        """Fakes created in batches minutes apart, on a shared schedule and template set."""
        ids = []
        for i in range(n):
            batch, slot = divmod(i, 5)
            created = start + timedelta(days=3 * batch, minutes=2 * slot)
            attrs = {
                key: (value(i) if callable(value) else value) for key, value in per_account.items()
            }
            a = self.account("fake", created, fake=True, ring=ring, **attrs)
            days = [
                created.replace(hour=0, minute=0, second=0) + timedelta(days=1 + d)
                for d in range(20)
            ]
            hours = [d + timedelta(hours=h) for d in days for h in schedule_hours]
            self.requests(a, templates + POPULAR[:3], hours, per_hour=2, output_tokens=1800)
            ids.append(a)
        return ids

    def card_ring(self, n: int = 20) -> list[str]:
        ids = self._ring(
            "ring_cards",
            n,
            start=datetime(2026, 4, 22, 3),
            templates=[f"tpl_dist_a{i}" for i in range(15)],
            schedule_hours=(1, 2, 3, 4),
            email=lambda i: f"zq{i}x{self.rng.randrange(10**6)}@mail.tm",
            country="VN",
        )
        for i, a in enumerate(ids):
            self.pay(a, f"tok_prepaid_{i % 4}", BASE + timedelta(days=22, hours=i), bin_="531993")
        return ids

    def device_farm(self, n: int = 20) -> list[str]:
        return self._ring(
            "ring_farm",
            n,
            start=datetime(2026, 5, 2, 11),
            templates=[f"tpl_dist_b{i}" for i in range(15)],
            schedule_hours=(12, 13, 14, 15),
            device=lambda i: f"emu_{i % 2}",
            user_agent="Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/124.0 Safari/537.36",
            country="ID",
        )

    def stealth_ring(self, n: int = 20) -> list[str]:
        def gmail(i: int) -> str:
            base = "johnsmithdata"
            dotted = ".".join(base[: 3 + i % 5]) + base[3 + i % 5 :]
            return f"{dotted}+{i}@gmail.com" if i % 2 else f"{base}{i}@gmail.com"

        return self._ring(
            "ring_stealth",
            n,
            start=datetime(2026, 5, 10, 20),
            templates=[f"tpl_dist_c{i}" for i in range(15)],
            schedule_hours=(20, 21, 22, 23),
            email=gmail,
            phone=lambda i: f"+1415555{1200 + i:04d}",
            country="BR",
        )

    # -- output ---------------------------------------------------------------
    def write(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        tables = {
            "accounts": self.accounts,
            "payments": self.payments,
            "ip_events": self.ip_events,
            "devices": self.devices,
            "api_requests": self.api_requests,
            "labels": self.labels,
        }
        for name, rows in tables.items():
            if not rows:
                continue
            with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows(rows)
        (folder / "truth").mkdir(exist_ok=True)
        with open(folder / "truth" / "truth.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["account_id", "is_fake", "ring_id", "group_kind"])
            for account_id, (fake, ring, group) in self.truth.items():
                writer.writerow([account_id, fake, ring, group])
        return folder

    def members(self, group: str) -> set[str]:
        return {a for a, (_, ring, g) in self.truth.items() if g == group or ring == group}


def standard(seed: int = 5, *, framework: bool = False) -> Population:
    """Background singles, one of each legit group and the three rings of
    tests/test_graph.py (``framework``: agent-framework users too)."""
    pop = Population(seed=seed)
    pop.background(400)
    pop.household()
    pop.university()
    pop.company()
    pop.team()
    if framework:
        pop.framework_users()
    pop.card_ring()
    pop.device_farm()
    pop.stealth_ring()
    return pop
