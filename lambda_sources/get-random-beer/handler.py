"""Put one random beer on the Kinesis stream, picked from the bundled catalogue or a beer API.

Source of the beer:
  BEER_API_URL unset   a uniformly random beer of catalogue/punkapi-db-2.6.0.json, bundled in the
                       package (325 beers from BrewDog's DIY Dog; non-commercial use only, see
                       catalogue/NOTICE). No network is used to pick it.
  BEER_API_URL set     one GET to that endpoint, retried on network errors, timeouts and HTTP
                       429/5xx, with no retry started that could not finish in time.
Either way the beer must have an id usable as a partition key and a non-blank name.

Record: one compact JSON object and one "\\n" (newline-delimited JSON), because Firehose
concatenates records without a delimiter.

Environment:
  STREAM_NAME           Kinesis stream to write to (required; set by pipectl from the spec's graph).
  BEER_API_URL          http(s) endpoint returning one random beer (default: use the catalogue).
  HTTP_TIMEOUT_SECONDS  Timeout of one HTTP request, a positive number (default 5).
  MAX_ATTEMPTS          HTTP attempts before giving up, a positive integer (default 3).
An empty variable counts as unset.

The Kinesis client's timeouts and retries (KINESIS_* below) keep the worst case inside the
30 s function timeout; README.md, "SDK timeouts", has the arithmetic.
Uses only the standard library and boto3, which the Lambda Python runtime provides.
Failures are logged and raised, so Lambda records an error and its retries and metrics see it.
"""

import functools
import http.client
import json
import logging
import math
import os
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

# Shipped in the package (pipectl zips the whole folder); the name carries the version, so a
# refresh is a visible change here and in catalogue/NOTICE.
CATALOGUE_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "catalogue",
                              "punkapi-db-2.6.0.json")
DEFAULT_TIMEOUT_SECONDS = 5.0
DEFAULT_MAX_ATTEMPTS = 3
RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})
BACKOFF_BASE_SECONDS = 0.5
BACKOFF_MAX_SECONDS = 8.0
MAX_PARTITION_KEY_LENGTH = 256  # Kinesis rejects longer partition keys

# Kinesis client. botocore's defaults (60 s connect, 60 s read, per attempt) exceed the 30 s
# function timeout, so a hung call would be killed by Lambda before this function could log
# it. A PutRecord answers in milliseconds; these bounds leave room for the HTTP worst case
# (README.md, "SDK timeouts"). Constants rather than environment variables: the tests check
# the arithmetic against exactly these values.
KINESIS_CONNECT_TIMEOUT_SECONDS = 1
KINESIS_READ_TIMEOUT_SECONDS = 2
KINESIS_MAX_ATTEMPTS = 2  # in all, the first one included (botocore's total_max_attempts)
# botocore's standard retry mode waits rand(0, 1) * min(2 ** (n - 1), 20) s after attempt n.
BOTOCORE_BACKOFF_BASE = 2
BOTOCORE_MAX_BACKOFF_SECONDS = 20

logger = logging.getLogger()
logger.setLevel(logging.INFO)


class ConfigError(Exception):
    """An environment variable is missing or invalid: no retry can fix it."""


class BeerApiError(Exception):
    """The beer API could not deliver a valid beer."""


class CatalogueError(Exception):
    """The bundled catalogue is missing, corrupt or empty: the package is broken."""


@dataclass(frozen=True)
class Config:
    """The checked environment, read on every invocation so tests can change it.

    url is None when BEER_API_URL is unset: the beer then comes from the bundled catalogue.
    """

    stream_name: str
    url: str | None
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
    url = _env("BEER_API_URL")
    if url is not None:
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


def beer_problem(beer):
    """Why a decoded beer cannot be sent, or None when it can. Both sources use this check.

    The id becomes the Kinesis partition key, so it must be a non-blank string or an integer
    of at most 256 characters; the name must be a non-blank string.
    """
    if not isinstance(beer, dict):
        return f"expected a JSON object, got {type(beer).__name__}"
    beer_id = beer.get("id")
    if (isinstance(beer_id, bool) or not isinstance(beer_id, (int, str))
            or not str(beer_id).strip() or len(str(beer_id)) > MAX_PARTITION_KEY_LENGTH):
        return f"the beer has no usable id: {beer_id!r}"
    name = beer.get("name")
    if not isinstance(name, str) or not name.strip():
        return f"the beer has no name: {name!r}"
    return None


def parse_beer(body):
    """Return the beer in an API response: a JSON object, or a list holding exactly one,
    that passes beer_problem's checks."""
    try:
        payload = json.loads(body)
    except ValueError as error:  # includes JSONDecodeError and UnicodeDecodeError
        raise BeerApiError(f"response is not JSON: {error}") from error
    if isinstance(payload, list):
        if len(payload) != 1:
            raise BeerApiError(f"expected one beer, got a list of {len(payload)}")
        payload = payload[0]
    problem = beer_problem(payload)
    if problem is not None:
        raise BeerApiError(problem)
    return payload


@functools.cache
def load_catalogue(path):
    """The beers of a catalogue file (a JSON list of beers), read and checked once per container.

    Every entry must pass the same checks as an API answer, so a bad entry fails at the first
    invocation rather than whenever chance picks it. Any problem is a CatalogueError naming the
    file. functools.cache keeps only successful loads; a tuple keeps the cached list unchanged.
    """
    try:
        with open(path, "rb") as file:
            payload = json.load(file)
    except OSError as error:
        raise CatalogueError(f"cannot read the beer catalogue {path}: {error}") from error
    except ValueError as error:  # includes JSONDecodeError and UnicodeDecodeError
        raise CatalogueError(f"the beer catalogue {path} is not JSON: {error}") from error
    if not isinstance(payload, list) or not payload:
        found = "an empty list" if payload == [] else type(payload).__name__
        raise CatalogueError(
            f"the beer catalogue {path} must be a non-empty JSON list of beers, got {found}")
    for index, beer in enumerate(payload):
        problem = beer_problem(beer)
        if problem is not None:
            raise CatalogueError(f"the beer catalogue {path} has a bad entry {index}: {problem}")
    log(logging.INFO, "beer catalogue loaded", path=path, beers=len(payload))
    return tuple(payload)


def backoff_delay(attempt):
    """Seconds to wait after failed attempt n (1-based): 0.5, 1, 2, ... capped at 8."""
    return min(BACKOFF_BASE_SECONDS * 2 ** (attempt - 1), BACKOFF_MAX_SECONDS)


def http_worst_case_seconds(timeout, attempts):
    """Longest fetch_beer can take when every attempt times out: the timeouts plus the waits.

    The timeout bounds each socket wait (connect, each read), so this holds for unreachable or
    silent servers; one trickling bytes slowly could take longer, which the remaining-time
    check in fetch_beer and Lambda's own timeout then cut short.
    """
    return attempts * timeout + sum(backoff_delay(n) for n in range(1, attempts))


def fetch_beer(url, timeout, attempts, opener=urllib.request.urlopen, sleep=time.sleep,
               remaining=None, reserve=0.0):
    """GET a random beer, retrying network errors, timeouts and HTTP 429/5xx with backoff.

    Other HTTP errors (e.g. 404) and invalid bodies fail at once: repeating them cannot help.
    remaining, when given, returns the seconds left in the invocation; a retry starts only if
    its wait, its timeout and reserve (the time still needed afterwards) fit, so the function
    fails with its own error instead of being killed by Lambda mid-request.
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
            needed = delay + timeout + reserve
            left = remaining() if remaining is not None else None
            if left is not None and left < needed:
                log(logging.WARNING, "no time left to retry the beer API", attempt=attempt,
                    max_attempts=attempts, seconds_left=left, seconds_needed=needed,
                    error=str(last_error))
                break
            log(logging.WARNING, "beer API request failed, retrying", attempt=attempt,
                max_attempts=attempts, delay_seconds=delay, error=str(last_error))
            sleep(delay)
    raise BeerApiError(f"beer API failed after {attempt} attempts: {last_error}") from last_error


def encode_record(beer):
    """The record data of a beer: compact JSON with sorted keys and one "\\n", in UTF-8.

    Firehose concatenates records without a delimiter, so the newline is what keeps one beer
    per line in S3. json.dumps escapes newlines inside strings, so it is the record's only
    one. NaN and infinite numbers are refused (ValueError): they are not JSON and downstream
    readers (clean-data, Athena) would reject the record.
    """
    text = json.dumps(beer, separators=(",", ":"), sort_keys=True, allow_nan=False)
    return (text + "\n").encode("utf-8")


def put_beer(kinesis, stream_name, beer):
    """Put the beer on the stream, keyed by its id so records spread over shards."""
    return kinesis.put_record(StreamName=stream_name, Data=encode_record(beer),
                              PartitionKey=str(beer["id"]))


def kinesis_client_config():
    """Keyword arguments of botocore.config.Config for the Kinesis client.

    A dict rather than a Config, so the tests can check it without botocore.
    """
    return {"connect_timeout": KINESIS_CONNECT_TIMEOUT_SECONDS,
            "read_timeout": KINESIS_READ_TIMEOUT_SECONDS,
            "retries": {"mode": "standard", "total_max_attempts": KINESIS_MAX_ATTEMPTS}}


def kinesis_backoff_seconds(attempt):
    """The longest wait botocore's standard mode can draw after failed attempt n (1-based)."""
    return min(BOTOCORE_BACKOFF_BASE ** (attempt - 1), BOTOCORE_MAX_BACKOFF_SECONDS)


def kinesis_worst_case_seconds():
    """Longest put_record can take: every attempt waits out both timeouts, every wait is the
    longest the backoff can draw."""
    per_attempt = KINESIS_CONNECT_TIMEOUT_SECONDS + KINESIS_READ_TIMEOUT_SECONDS
    waits = sum(kinesis_backoff_seconds(n) for n in range(1, KINESIS_MAX_ATTEMPTS))
    return KINESIS_MAX_ATTEMPTS * per_attempt + waits


@functools.cache
def _kinesis_client():
    """One client per container, reused by warm invocations; boto3 and botocore are imported
    here so the tests need not have them."""
    import boto3  # provided by the Lambda runtime, with botocore
    import botocore.config

    return boto3.client("kinesis", config=botocore.config.Config(**kinesis_client_config()))


def _remaining_seconds(context):
    """A function giving the invocation's remaining seconds, or None without a Lambda context."""
    get_millis = getattr(context, "get_remaining_time_in_millis", None)
    if get_millis is None:
        return None
    return lambda: get_millis() / 1000


def lambda_handler(event, context, kinesis=None, opener=urllib.request.urlopen, sleep=time.sleep,
                   choice=secrets.choice):
    """Send one random beer to the stream. The event's content is ignored (a schedule calls it).

    kinesis, opener, sleep and choice replace the Kinesis client, urlopen, time.sleep and the
    catalogue pick in tests. secrets.choice is uniform over the sequence it is given.
    """
    source = None
    try:
        config = load_config()
        if config.url is None:
            source = "catalogue"
            beer = choice(load_catalogue(CATALOGUE_PATH))
        else:
            source = "api"
            # Keep time for the put after the last HTTP attempt.
            beer = fetch_beer(config.url, config.timeout, config.attempts, opener=opener,
                              sleep=sleep, remaining=_remaining_seconds(context),
                              reserve=kinesis_worst_case_seconds())
        result = put_beer(kinesis or _kinesis_client(), config.stream_name, beer)
    except Exception as error:
        log(logging.ERROR, "beer not sent", source=source, error=str(error),
            error_type=type(error).__name__)
        raise
    summary = {"beer_id": beer["id"], "shard_id": result.get("ShardId"),
               "sequence_number": result.get("SequenceNumber")}
    log(logging.INFO, "beer sent", stream=config.stream_name, source=source, **summary)
    return summary
