"""Fetch one random beer from the beer API and put it on the Kinesis stream.

Environment:
  STREAM_NAME           Kinesis stream to write to (required; set by pipectl from the spec's graph).
  BEER_API_URL          http(s) endpoint returning one random beer (default: the Punk API).
  HTTP_TIMEOUT_SECONDS  Timeout of one HTTP request, a positive number (default 5).
  MAX_ATTEMPTS          HTTP attempts before giving up, a positive integer (default 3).
An empty variable counts as unset.

Uses only the standard library and boto3, which the Lambda Python runtime provides.
Failures are logged and raised, so Lambda records an error and its retries and metrics see it.
"""

import functools
import http.client
import json
import logging
import math
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

DEFAULT_API_URL = "https://api.punkapi.com/v2/beers/random"
DEFAULT_TIMEOUT_SECONDS = 5.0
DEFAULT_MAX_ATTEMPTS = 3
RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})
BACKOFF_BASE_SECONDS = 0.5
BACKOFF_MAX_SECONDS = 8.0
MAX_PARTITION_KEY_LENGTH = 256  # Kinesis rejects longer partition keys

logger = logging.getLogger()
logger.setLevel(logging.INFO)


class ConfigError(Exception):
    """An environment variable is missing or invalid: no retry can fix it."""


class BeerApiError(Exception):
    """The beer API could not deliver a valid beer."""


@dataclass(frozen=True)
class Config:
    """The checked environment, read on every invocation so tests can change it."""

    stream_name: str
    url: str
    timeout: float
    attempts: int


def log(level, message, **fields):
    """Log one JSON object on one line, so CloudWatch Logs Insights can query its fields."""
    entry = {"level": logging.getLevelName(level), "message": message, **fields}
    logger.log(level, json.dumps(entry, sort_keys=True, default=str))


def _env(name):
    """The variable's value, or None when unset or blank (Terraform may pass empty strings)."""
    value = os.environ.get(name, "").strip()
    return value or None


def _positive_env(name, default, convert, kind):
    """A positive finite number from the environment; a typo fails naming the variable."""
    raw = _env(name)
    if raw is None:
        return default
    try:
        value = convert(raw)
        valid = 0 < value < math.inf  # also rejects NaN
    except ValueError:
        valid = False
    if not valid:
        raise ConfigError(f"{name} must be a positive {kind}, got {raw!r}")
    return value


def load_config():
    """Read and check the environment before any network call."""
    stream_name = _env("STREAM_NAME")
    if stream_name is None:
        raise ConfigError("STREAM_NAME is not set: it must name the Kinesis stream to write to")
    url = _env("BEER_API_URL") or DEFAULT_API_URL
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        # urlopen would also open file:// and ftp:// URLs; only an HTTP API makes sense here.
        raise ConfigError(f"BEER_API_URL must be an http(s) URL, got {url!r}")
    return Config(
        stream_name=stream_name,
        url=url,
        timeout=_positive_env("HTTP_TIMEOUT_SECONDS", DEFAULT_TIMEOUT_SECONDS, float, "number"),
        attempts=_positive_env("MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS, int, "integer"),
    )


def parse_beer(body):
    """Return the beer in an API response: a JSON object, or a list holding exactly one.

    The id becomes the Kinesis partition key, so it must be a non-blank string or an integer
    of at most 256 characters; the name must be a non-blank string.
    """
    try:
        payload = json.loads(body)
    except ValueError as error:  # includes JSONDecodeError and UnicodeDecodeError
        raise BeerApiError(f"response is not JSON: {error}") from error
    if isinstance(payload, list):
        if len(payload) != 1:
            raise BeerApiError(f"expected one beer, got a list of {len(payload)}")
        payload = payload[0]
    if not isinstance(payload, dict):
        raise BeerApiError(f"expected a JSON object, got {type(payload).__name__}")
    beer_id = payload.get("id")
    if (isinstance(beer_id, bool) or not isinstance(beer_id, (int, str))
            or not str(beer_id).strip() or len(str(beer_id)) > MAX_PARTITION_KEY_LENGTH):
        raise BeerApiError(f"the beer has no usable id: {beer_id!r}")
    name = payload.get("name")
    if not isinstance(name, str) or not name.strip():
        raise BeerApiError(f"the beer has no name: {name!r}")
    return payload


def backoff_delay(attempt):
    """Seconds to wait after failed attempt n (1-based): 0.5, 1, 2, ... capped at 8."""
    return min(BACKOFF_BASE_SECONDS * 2 ** (attempt - 1), BACKOFF_MAX_SECONDS)


def fetch_beer(url, timeout, attempts, opener=urllib.request.urlopen, sleep=time.sleep):
    """GET a random beer, retrying network errors, timeouts and HTTP 429/5xx with backoff.

    Other HTTP errors (e.g. 404) and invalid bodies fail at once: repeating them cannot help.
    """
    request = urllib.request.Request(url, headers={"Accept": "application/json",
                                                   "User-Agent": "beer-pipeline/1.0"})
    last_error = None
    for attempt in range(1, attempts + 1):
        try:
            with opener(request, timeout=timeout) as response:
                return parse_beer(response.read())
        except urllib.error.HTTPError as error:  # before OSError: HTTPError is one
            if error.code not in RETRYABLE_STATUS:
                raise BeerApiError(f"beer API answered HTTP {error.code}") from error
            last_error = error
        except (OSError, http.client.HTTPException) as error:  # URLError, timeouts, resets
            last_error = error
        if attempt < attempts:
            delay = backoff_delay(attempt)
            log(logging.WARNING, "beer API request failed, retrying", attempt=attempt,
                max_attempts=attempts, delay_seconds=delay, error=str(last_error))
            sleep(delay)
    raise BeerApiError(f"beer API failed after {attempts} attempts: {last_error}") from last_error


def put_beer(kinesis, stream_name, beer):
    """Put the beer on the stream, keyed by its id so records spread over shards.

    NaN and infinite numbers are refused (ValueError): they are not JSON and downstream
    readers (clean-data, Athena) would reject the record.
    """
    data = json.dumps(beer, separators=(",", ":"), sort_keys=True, allow_nan=False)
    return kinesis.put_record(StreamName=stream_name, Data=data.encode("utf-8"),
                              PartitionKey=str(beer["id"]))


@functools.cache
def _kinesis_client():
    """One client per container, reused by warm invocations; boto3 is imported here so the
    tests need not have it."""
    import boto3  # provided by the Lambda runtime

    return boto3.client("kinesis")


def lambda_handler(event, context, kinesis=None, opener=urllib.request.urlopen, sleep=time.sleep):
    """Send one random beer to the stream. The event's content is ignored (a schedule calls it).

    kinesis, opener and sleep replace the Kinesis client, urlopen and time.sleep in tests.
    """
    try:
        config = load_config()
        beer = fetch_beer(config.url, config.timeout, config.attempts, opener=opener, sleep=sleep)
        result = put_beer(kinesis or _kinesis_client(), config.stream_name, beer)
    except Exception as error:
        log(logging.ERROR, "beer not sent", error=str(error), error_type=type(error).__name__)
        raise
    summary = {"beer_id": beer["id"], "shard_id": result.get("ShardId"),
               "sequence_number": result.get("SequenceNumber")}
    log(logging.INFO, "beer sent", stream=config.stream_name, **summary)
    return summary
