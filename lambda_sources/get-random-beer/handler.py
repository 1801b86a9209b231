"""Fetch one random beer from the beer API and put it on the Kinesis stream.

Environment:
  STREAM_NAME           Kinesis stream to write to (set by pipectl from the spec's graph).
  BEER_API_URL          API endpoint returning one random beer (default: the Punk API).
  HTTP_TIMEOUT_SECONDS  Timeout of one HTTP request (default 5).
  MAX_ATTEMPTS          HTTP attempts before giving up (default 3).

Uses only the standard library and boto3, which the Lambda Python runtime provides.
Failures raise, so Lambda records an error and its retry and metrics see it.
"""

import json
import logging
import os
import time
import urllib.error
import urllib.request

DEFAULT_API_URL = "https://api.punkapi.com/v2/beers/random"
RETRYABLE_STATUS = {429, 500, 502, 503, 504}

logger = logging.getLogger()
logger.setLevel(logging.INFO)


class BeerApiError(Exception):
    """The beer API could not deliver a valid beer."""


def log(level, message, **fields):
    """Log one structured JSON line."""
    logger.log(level, json.dumps({"message": message, **fields}, sort_keys=True, default=str))


def parse_beer(body):
    """Return the beer in an API response: a JSON object, or a list holding exactly one."""
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise BeerApiError(f"response is not JSON: {error}") from error
    if isinstance(payload, list):
        if len(payload) != 1:
            raise BeerApiError(f"expected one beer, got a list of {len(payload)}")
        payload = payload[0]
    if not isinstance(payload, dict):
        raise BeerApiError(f"expected a JSON object, got {type(payload).__name__}")
    beer_id = payload.get("id")
    if isinstance(beer_id, bool) or not isinstance(beer_id, (int, str)) or beer_id == "":
        raise BeerApiError("the beer has no usable id")
    if not isinstance(payload.get("name"), str):
        raise BeerApiError("the beer has no name")
    return payload


def fetch_beer(url, timeout, attempts, opener=urllib.request.urlopen, sleep=time.sleep):
    """GET a random beer, retrying network errors and 429/5xx with exponential backoff."""
    request = urllib.request.Request(url, headers={"Accept": "application/json",
                                                   "User-Agent": "beer-pipeline/1.0"})
    last_error = None
    for attempt in range(1, attempts + 1):
        try:
            with opener(request, timeout=timeout) as response:
                return parse_beer(response.read())
        except urllib.error.HTTPError as error:
            if error.code not in RETRYABLE_STATUS:
                raise BeerApiError(f"beer API answered HTTP {error.code}") from error
            last_error = error
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            last_error = error
        log(logging.WARNING, "beer API request failed", attempt=attempt, error=str(last_error))
        if attempt < attempts:
            sleep(0.5 * 2 ** (attempt - 1))
    raise BeerApiError(f"beer API failed after {attempts} attempts: {last_error}")


def put_beer(kinesis, stream_name, beer):
    """Put the beer on the stream, keyed by its id so records spread over shards."""
    data = json.dumps(beer, separators=(",", ":"), sort_keys=True).encode("utf-8")
    return kinesis.put_record(StreamName=stream_name, Data=data, PartitionKey=str(beer["id"]))


def _kinesis_client():
    import boto3  # provided by the Lambda runtime; imported late so tests need not have it

    return boto3.client("kinesis")


def lambda_handler(event, context, kinesis=None, opener=urllib.request.urlopen, sleep=time.sleep):
    stream_name = os.environ["STREAM_NAME"]
    url = os.environ.get("BEER_API_URL", DEFAULT_API_URL)
    timeout = float(os.environ.get("HTTP_TIMEOUT_SECONDS", "5"))
    attempts = int(os.environ.get("MAX_ATTEMPTS", "3"))

    beer = fetch_beer(url, timeout, attempts, opener=opener, sleep=sleep)
    result = put_beer(kinesis or _kinesis_client(), stream_name, beer)
    log(logging.INFO, "beer sent", beer_id=beer["id"], stream=stream_name,
        shard_id=result.get("ShardId"), sequence_number=result.get("SequenceNumber"))
    return {"beer_id": beer["id"], "shard_id": result.get("ShardId"),
            "sequence_number": result.get("SequenceNumber")}
