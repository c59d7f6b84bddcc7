"""A generator written for the engine interface before questions had talking points."""


class PairsGenerator:
    def generate(self, *, title: str, description: str, count: int) -> list[tuple[str, str]]:
        return [(f"Tell me about part {n} of being a {title}.", "role") for n in range(count)]


class ScorerWithoutTalkingPoints:
    """A scorer written before questions had talking points."""

    def score(self, *, question: str, answer: str, title: str, description: str) -> tuple:
        return 55, "Fine."
