"""Tests of get-random-beer. No network, no boto3: the HTTP call, the Kinesis client and
sleep are replaced by fakes. Run from the function folder:

    python3 -m unittest discover -s tests -t .
"""

import json
import logging
import math
import os
import socket
import sys
import unittest
import urllib.error
from pathlib import Path
from unittest import mock

FUNCTION_DIR = Path(__file__).resolve().parents[1]
if str(FUNCTION_DIR) not in sys.path:
    sys.path.insert(0, str(FUNCTION_DIR))

import handler  # noqa: E402  (needs the path above)

# Keep unasserted warnings off the test output; assertLogs still sees every record.
logging.getLogger().addHandler(logging.NullHandler())

URL = "https://beer.example/random"
BEER = {"id": 192, "name": "Punk IPA 2007 - 2010", "abv": 6.0, "ibu": 60.0}
BEER_BODY = json.dumps([BEER]).encode("utf-8")
ENV = {"STREAM_NAME": "beer-stream", "BEER_API_URL": URL}
SHARD_ID = "shardId-000000000000"
SEQUENCE_NUMBER = "49590338271490256608559692538361571095921575989136588898"


class FakeResponse:
    def __init__(self, body):
        self.body = body

    def read(self):
        return self.body

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False


class FakeOpener:
    """Plays back outcomes in order: bytes become response bodies, exceptions are raised."""

    def __init__(self, *outcomes):
        self.outcomes = list(outcomes)
        self.calls = []

    def __call__(self, request, timeout):
        self.calls.append((request, timeout))
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, BaseException):
            raise outcome
        return FakeResponse(outcome)


class FakeKinesis:
    def __init__(self, error=None):
        self.error = error
        self.calls = []

    def put_record(self, **kwargs):
        self.calls.append(kwargs)
        if self.error:
            raise self.error
        return {"ShardId": SHARD_ID, "SequenceNumber": SEQUENCE_NUMBER}


def http_error(code):
    return urllib.error.HTTPError(URL, code, "error", {}, None)


def json_lines(logs):
    """Every captured message parsed as JSON: fails the test if one is not a JSON object line."""
    entries = []
    for record in logs.records:
        message = record.getMessage()
        assert "\n" not in message, message
        entry = json.loads(message)
        assert isinstance(entry, dict), message
        entries.append(entry)
    return entries


class ParseBeerTest(unittest.TestCase):
    def test_object(self):
        self.assertEqual(handler.parse_beer(json.dumps(BEER).encode()), BEER)

    def test_one_element_list(self):
        self.assertEqual(handler.parse_beer(BEER_BODY), BEER)

    def test_string_id_and_unicode_name(self):
        beer = {"id": "b-1", "name": "Bière de Garde ☕"}
        self.assertEqual(handler.parse_beer(json.dumps(beer).encode("utf-8")), beer)

    def test_rejects_longer_and_empty_lists(self):
        for payload in ([BEER, BEER], []):
            with self.subTest(payload=payload):
                with self.assertRaisesRegex(handler.BeerApiError, "expected one beer"):
                    handler.parse_beer(json.dumps(payload).encode())

    def test_rejects_non_objects(self):
        for payload in ('"beer"', "42", "null", "[1]"):
            with self.subTest(payload=payload):
                with self.assertRaisesRegex(handler.BeerApiError, "expected a JSON object"):
                    handler.parse_beer(payload.encode())

    def test_rejects_malformed_json_and_bytes(self):
        for body in (b"{not json", b"", b"\xff\xfe\x00garbage"):
            with self.subTest(body=body):
                with self.assertRaisesRegex(handler.BeerApiError, "not JSON"):
                    handler.parse_beer(body)

    def test_rejects_unusable_ids(self):
        for beer_id in (None, True, "", "   ", 1.5, ["1"], "x" * 257):
            with self.subTest(beer_id=beer_id):
                with self.assertRaisesRegex(handler.BeerApiError, "no usable id"):
                    handler.parse_beer(json.dumps({"id": beer_id, "name": "A"}).encode())

    def test_rejects_missing_id(self):
        with self.assertRaisesRegex(handler.BeerApiError, "no usable id"):
            handler.parse_beer(b'{"name": "A"}')

    def test_rejects_missing_or_blank_name(self):
        for name in (None, "", " ", 7):
            beer = {"id": 1} if name is None else {"id": 1, "name": name}
            with self.subTest(beer=beer):
                with self.assertRaisesRegex(handler.BeerApiError, "no name"):
                    handler.parse_beer(json.dumps(beer).encode())


class FetchBeerTest(unittest.TestCase):
    def fetch(self, opener, attempts=3):
        self.sleeps = []
        return handler.fetch_beer(URL, 5.0, attempts, opener=opener, sleep=self.sleeps.append)

    def test_first_answer_is_returned_without_sleeping(self):
        opener = FakeOpener(BEER_BODY)
        self.assertEqual(self.fetch(opener), BEER)
        self.assertEqual(len(opener.calls), 1)
        self.assertEqual(self.sleeps, [])

    def test_request_uses_url_timeout_and_json_accept(self):
        opener = FakeOpener(BEER_BODY)
        self.fetch(opener)
        request, timeout = opener.calls[0]
        self.assertEqual(request.full_url, URL)
        self.assertEqual(request.get_method(), "GET")
        self.assertEqual(request.get_header("Accept"), "application/json")
        self.assertEqual(timeout, 5.0)

    def test_retryable_failures_are_retried(self):
        failures = {"503": http_error(503), "429": http_error(429), "500": http_error(500),
                    "timeout": TimeoutError("timed out"), "socket timeout": socket.timeout("slow"),
                    "url error": urllib.error.URLError("Name or service not known"),
                    "reset": ConnectionResetError("reset by peer")}
        for label, failure in failures.items():
            with self.subTest(label):
                opener = FakeOpener(failure, BEER_BODY)
                with self.assertLogs(level="WARNING"):
                    self.assertEqual(self.fetch(opener), BEER)
                self.assertEqual(len(opener.calls), 2)
                self.assertEqual(self.sleeps, [0.5])

    def test_404_is_not_retried(self):
        opener = FakeOpener(http_error(404), BEER_BODY)
        with self.assertRaisesRegex(handler.BeerApiError, "HTTP 404"):
            self.fetch(opener)
        self.assertEqual(len(opener.calls), 1)
        self.assertEqual(self.sleeps, [])

    def test_invalid_body_is_not_retried(self):
        opener = FakeOpener(b'{"id": 1}', BEER_BODY)
        with self.assertRaisesRegex(handler.BeerApiError, "no name"):
            self.fetch(opener)
        self.assertEqual(len(opener.calls), 1)

    def test_gives_up_after_max_attempts_with_exponential_backoff(self):
        opener = FakeOpener(*[http_error(503)] * 4)
        with self.assertLogs(level="WARNING") as logs:
            with self.assertRaisesRegex(handler.BeerApiError, "failed after 4 attempts.*503"):
                self.fetch(opener, attempts=4)
        self.assertEqual(len(opener.calls), 4)
        self.assertEqual(self.sleeps, [0.5, 1.0, 2.0])
        entries = json_lines(logs)
        self.assertEqual([entry["attempt"] for entry in entries], [1, 2, 3])
        self.assertEqual([entry["delay_seconds"] for entry in entries], [0.5, 1.0, 2.0])
        self.assertTrue(all(entry["level"] == "WARNING" for entry in entries))

    def test_single_attempt_never_sleeps(self):
        opener = FakeOpener(TimeoutError("timed out"))
        with self.assertRaisesRegex(handler.BeerApiError, "failed after 1 attempts"):
            self.fetch(opener, attempts=1)
        self.assertEqual(self.sleeps, [])

    def test_backoff_is_capped(self):
        self.assertEqual([handler.backoff_delay(n) for n in (1, 2, 3, 4, 5, 6, 10)],
                         [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0])


class PutBeerTest(unittest.TestCase):
    def test_partition_key_is_the_id_and_stream_is_used(self):
        kinesis = FakeKinesis()
        handler.put_beer(kinesis, "beer-stream", BEER)
        (call,) = kinesis.calls
        self.assertEqual(call["StreamName"], "beer-stream")
        self.assertEqual(call["PartitionKey"], "192")
        self.assertEqual(json.loads(call["Data"].decode("utf-8")), BEER)

    def test_different_beers_get_different_keys(self):
        kinesis = FakeKinesis()
        for beer_id in (1, 2, "abc"):
            handler.put_beer(kinesis, "s", {"id": beer_id, "name": "x"})
        self.assertEqual([call["PartitionKey"] for call in kinesis.calls], ["1", "2", "abc"])

    def test_refuses_non_finite_numbers(self):
        kinesis = FakeKinesis()
        with self.assertRaises(ValueError):
            handler.put_beer(kinesis, "s", {"id": 1, "name": "x", "abv": math.nan})
        self.assertEqual(kinesis.calls, [])


class LoadConfigTest(unittest.TestCase):
    def load(self, **env):
        with mock.patch.dict(os.environ, env, clear=True):
            return handler.load_config()

    def test_defaults(self):
        config = self.load(STREAM_NAME="beer-stream")
        self.assertEqual(config, handler.Config("beer-stream", handler.DEFAULT_API_URL, 5.0, 3))

    def test_values_from_environment(self):
        config = self.load(STREAM_NAME="s", BEER_API_URL=URL, HTTP_TIMEOUT_SECONDS="2.5",
                           MAX_ATTEMPTS="5")
        self.assertEqual(config, handler.Config("s", URL, 2.5, 5))

    def test_blank_values_mean_default(self):
        config = self.load(STREAM_NAME="s", BEER_API_URL="", HTTP_TIMEOUT_SECONDS=" ",
                           MAX_ATTEMPTS="")
        self.assertEqual(config, handler.Config("s", handler.DEFAULT_API_URL, 5.0, 3))

    def test_missing_or_blank_stream_name(self):
        for env in ({}, {"STREAM_NAME": "  "}):
            with self.subTest(env=env):
                with self.assertRaisesRegex(handler.ConfigError, "STREAM_NAME is not set"):
                    self.load(**env)

    def test_invalid_max_attempts(self):
        for value in ("abc", "0", "-1", "2.5"):
            with self.subTest(value=value):
                expected = f"MAX_ATTEMPTS must be a positive integer, got '{value}'"
                with self.assertRaisesRegex(handler.ConfigError, expected):
                    self.load(STREAM_NAME="s", MAX_ATTEMPTS=value)

    def test_invalid_timeout(self):
        for value in ("abc", "0", "-3", "nan", "inf"):
            with self.subTest(value=value):
                with self.assertRaisesRegex(handler.ConfigError,
                                            "HTTP_TIMEOUT_SECONDS must be a positive number"):
                    self.load(STREAM_NAME="s", HTTP_TIMEOUT_SECONDS=value)

    def test_non_http_url(self):
        for url in ("file:///etc/passwd", "ftp://beer.example/x", "not a url"):
            with self.subTest(url=url):
                with self.assertRaisesRegex(handler.ConfigError, "BEER_API_URL must be an http"):
                    self.load(STREAM_NAME="s", BEER_API_URL=url)


class LambdaHandlerTest(unittest.TestCase):
    def run_handler(self, opener, kinesis, **env):
        self.sleeps = []
        with mock.patch.dict(os.environ, env, clear=True):
            return handler.lambda_handler({"source": "aws.events"}, None, kinesis=kinesis,
                                          opener=opener, sleep=self.sleeps.append)

    def test_whole_flow(self):
        opener, kinesis = FakeOpener(BEER_BODY), FakeKinesis()
        with self.assertLogs(level="INFO") as logs:
            result = self.run_handler(opener, kinesis, **ENV, HTTP_TIMEOUT_SECONDS="3")
        self.assertEqual(result, {"beer_id": 192, "shard_id": SHARD_ID,
                                  "sequence_number": SEQUENCE_NUMBER})
        request, timeout = opener.calls[0]
        self.assertEqual((request.full_url, timeout), (URL, 3.0))
        self.assertEqual(kinesis.calls[0]["StreamName"], "beer-stream")
        self.assertEqual(kinesis.calls[0]["PartitionKey"], "192")
        (entry,) = json_lines(logs)
        self.assertEqual(entry["message"], "beer sent")
        self.assertEqual(entry["level"], "INFO")
        self.assertEqual(entry["beer_id"], 192)
        self.assertEqual(entry["stream"], "beer-stream")
        self.assertEqual(entry["shard_id"], SHARD_ID)
        self.assertEqual(entry["sequence_number"], SEQUENCE_NUMBER)

    def test_retries_then_sends(self):
        opener = FakeOpener(http_error(503), TimeoutError("slow"), BEER_BODY)
        kinesis = FakeKinesis()
        with self.assertLogs(level="INFO") as logs:
            result = self.run_handler(opener, kinesis, **ENV)
        self.assertEqual(result["beer_id"], 192)
        self.assertEqual(self.sleeps, [0.5, 1.0])
        self.assertEqual(len(kinesis.calls), 1)
        messages = [entry["message"] for entry in json_lines(logs)]
        self.assertEqual(messages, ["beer API request failed, retrying"] * 2 + ["beer sent"])

    def test_max_attempts_from_environment(self):
        opener, kinesis = FakeOpener(*[http_error(502)] * 2), FakeKinesis()
        with self.assertLogs(level="INFO"):
            with self.assertRaisesRegex(handler.BeerApiError, "failed after 2 attempts"):
                self.run_handler(opener, kinesis, **ENV, MAX_ATTEMPTS="2")
        self.assertEqual(len(opener.calls), 2)
        self.assertEqual(kinesis.calls, [])

    def test_api_failure_is_logged_and_raised(self):
        opener, kinesis = FakeOpener(http_error(404)), FakeKinesis()
        with self.assertLogs(level="INFO") as logs:
            with self.assertRaises(handler.BeerApiError):
                self.run_handler(opener, kinesis, **ENV)
        self.assertEqual(kinesis.calls, [])
        (entry,) = json_lines(logs)
        self.assertEqual((entry["level"], entry["message"]), ("ERROR", "beer not sent"))
        self.assertEqual(entry["error_type"], "BeerApiError")
        self.assertIn("HTTP 404", entry["error"])

    def test_missing_stream_name_fails_before_any_request(self):
        opener = FakeOpener(BEER_BODY)
        with self.assertLogs(level="ERROR") as logs:
            with self.assertRaisesRegex(handler.ConfigError, "STREAM_NAME"):
                self.run_handler(opener, FakeKinesis(), BEER_API_URL=URL)
        self.assertEqual(opener.calls, [])
        self.assertEqual(json_lines(logs)[0]["error_type"], "ConfigError")

    def test_invalid_max_attempts_fails_clearly(self):
        opener = FakeOpener(BEER_BODY)
        with self.assertLogs(level="ERROR"):
            with self.assertRaisesRegex(handler.ConfigError, "MAX_ATTEMPTS"):
                self.run_handler(opener, FakeKinesis(), **ENV, MAX_ATTEMPTS="abc")
        self.assertEqual(opener.calls, [])

    def test_kinesis_failure_is_logged_and_raised(self):
        kinesis = FakeKinesis(error=RuntimeError("ProvisionedThroughputExceededException"))
        with self.assertLogs(level="ERROR") as logs:
            with self.assertRaisesRegex(RuntimeError, "ProvisionedThroughput"):
                self.run_handler(FakeOpener(BEER_BODY), kinesis, **ENV)
        self.assertEqual(json_lines(logs)[0]["error_type"], "RuntimeError")

    def test_injected_client_needs_no_boto3(self):
        with mock.patch.dict(sys.modules, {"boto3": None}):  # any import of boto3 would fail
            with self.assertLogs(level="INFO"):
                result = self.run_handler(FakeOpener(BEER_BODY), FakeKinesis(), **ENV)
        self.assertEqual(result["beer_id"], 192)


class KinesisClientTest(unittest.TestCase):
    def setUp(self):
        handler._kinesis_client.cache_clear()
        self.addCleanup(handler._kinesis_client.cache_clear)

    def test_boto3_client_is_created_once_and_reused(self):
        boto3 = mock.Mock()
        with mock.patch.dict(sys.modules, {"boto3": boto3}):
            first, second = handler._kinesis_client(), handler._kinesis_client()
        boto3.client.assert_called_once_with("kinesis")
        self.assertIs(first, second)


if __name__ == "__main__":
    unittest.main()
