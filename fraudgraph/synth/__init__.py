"""The synthetic population generator behind ``fraudgraph generate``.

``generate`` writes the contract's input tables for a seeded population of
legit accounts (households, companies, universities, carrier-NAT users, ...)
and a planted distillation campaign, plus the ground truth.
"""

from __future__ import annotations

from fraudgraph.synth.generate import generate
from fraudgraph.synth.scenario import Scenario

__all__ = ["generate", "Scenario"]
