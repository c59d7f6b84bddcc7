"""Request budgets (DRF throttles) counted in Redis when there is one, in the process if not.

DRF's own throttles keep a list of timestamps in the cache and write it back after
reading it: two requests at once both read the old list, so more get through than the rate
allows, and an unreachable cache turns every request into a 500. Here a budget is one
counter that Redis increments atomically and expires at the end of its window (the window
opens at the first request), so 60 requests at once against ``20/minute`` let exactly 20
through. If Redis cannot be reached, the process counts on its own (each app server then
allows the rate; still a limit) and says so in the log at most once a minute, and in
``/api/v1/health/``.
"""

import logging
import math
import threading
import time
from functools import cache

import redis
from django.conf import settings
from rest_framework import throttling

logger = logging.getLogger(__name__)

# After Redis fails, requests count locally for this long before it is tried again, so an
# unreachable server costs one connection timeout per interval, not one per request.
RETRY_REDIS_AFTER = 5.0
LOG_EVERY = 60.0
# Redis answers in well under a millisecond here; a client waits no longer than this.
REDIS_TIMEOUT = 0.5


class LocalCounters:
    """Counters with an expiry, in this process (shared by its threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counters: dict[str, tuple[int, float]] = {}

    def hit(self, key: str, duration: float) -> tuple[int, float]:
        now = time.monotonic()
        with self._lock:
            count, expires = self._counters.get(key, (0, 0.0))
            if expires <= now:
                count, expires = 0, now + duration
                if len(self._counters) > 10_000:
                    self._counters = {k: v for k, v in self._counters.items() if v[1] > now}
            self._counters[key] = (count + 1, expires)
        return count + 1, expires - now


class RedisCounters:
    def __init__(self, url: str) -> None:
        self.client = redis.Redis.from_url(
            url, socket_timeout=REDIS_TIMEOUT, socket_connect_timeout=REDIS_TIMEOUT
        )

    def hit(self, key: str, duration: float) -> tuple[int, float]:
        # One transaction: the counter is created with its expiry (NX leaves a running one
        # alone), incremented, and its time left read, so no crash between two commands can
        # leave a counter that never expires.
        pipe = self.client.pipeline(transaction=True)
        pipe.set(key, 0, px=math.ceil(duration * 1000), nx=True)
        pipe.incr(key)
        pipe.pttl(key)
        _, count, left_ms = pipe.execute()
        return count, max(left_ms, 0) / 1000

    def ping(self) -> bool:
        return bool(self.client.ping())


class Counters:
    """Redis counters with the local fallback."""

    def __init__(self, url: str) -> None:
        self.redis = RedisCounters(url) if url else None
        self.local = LocalCounters()
        self._lock = threading.Lock()
        self._redis_down_until = 0.0
        self._logged_at = -math.inf

    @property
    def shared(self) -> bool:
        """Whether counts are shared by every app server (Redis answers)."""
        return self.redis is not None and time.monotonic() >= self._redis_down_until

    def hit(self, key: str, duration: float) -> tuple[int, float]:
        """Count one request against ``key``; the count and the seconds left in its window."""
        if self.shared:
            try:
                return self.redis.hit(f"throttle:{key}", duration)
            except redis.RedisError as exc:
                self._redis_failed(exc)
        return self.local.hit(key, duration)

    def redis_status(self) -> str:
        if self.redis is None:
            return "not configured"
        try:
            self.redis.ping()
        except redis.RedisError as exc:
            self._redis_failed(exc)
            return "unavailable"
        return "ok"

    def _redis_failed(self, exc: Exception) -> None:
        now = time.monotonic()
        with self._lock:
            self._redis_down_until = now + RETRY_REDIS_AFTER
            should_log = now - self._logged_at >= LOG_EVERY
            if should_log:
                self._logged_at = now
        if should_log:
            logger.warning(
                "Redis is unreachable (%s): request budgets are counted per process until "
                "it answers",
                exc,
            )


@cache
def _counters_for(url: str) -> Counters:
    return Counters(url)


def counters() -> Counters:
    return _counters_for(settings.REDIS_URL)


class CountingThrottleMixin:
    """A SimpleRateThrottle counted by :func:`counters`: ``key`` and ``rate`` as DRF has
    them, its sliding log replaced by a counter per window."""

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        count, self._left = counters().hit(self.key, self.duration)
        return count <= self.num_requests

    def wait(self) -> float:
        return self._left


class UserRateThrottle(CountingThrottleMixin, throttling.UserRateThrottle):
    pass


class AuthRateThrottle(CountingThrottleMixin, throttling.SimpleRateThrottle):
    """The ``auth`` budget per client address, shared by the API's sign-in, refresh and
    sign-up and the pages' log-in and sign-up forms: a second door to the same passwords
    gets no second allowance."""

    scope = "auth"

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
