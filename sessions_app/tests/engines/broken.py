"""Engines that fail, plugged in through settings to prove a failure leaves nothing behind."""


class FailingGenerator:
    def generate(self, *, title: str, description: str, count: int) -> list[tuple[str, str]]:
        raise RuntimeError("the question engine is unavailable")
