"""The product's production settings plus one route: the benchmark's ceiling."""

from interview_practice.settings import *  # noqa: F403

ROOT_URLCONF = "bench.ceiling_urls"
