"""Is the message broker reachable? Used by /healthz."""

import redis
from django.conf import settings


def broker_status() -> str:
    """ "ok", "down", or "in-process" when no broker is configured (tasks run eagerly)."""
    if not settings.REDIS_URL:
        return "in-process"
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
        return "ok"
    except redis.RedisError:
        return "down"
    finally:
        client.close()
