"""Tests of get-random-beer. No network, no boto3: the HTTP call, the Kinesis client, sleep
and the catalogue pick are replaced by fakes. Run from the function folder:

    python3 -m unittest discover -s tests -t .
"""

import hashlib
import importlib.util
import inspect
import json
import logging
import math
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import types
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
CATALOGUE_DIR = FUNCTION_DIR / "catalogue"
CATALOGUE_SIZE = 325  # beers in punkapi-db 2.6.0
FUNCTION_TIMEOUT_SECONDS = 30  # get-random-beer's timeout in envs/base.yaml


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


class FakeContext:
    """A Lambda context whose clock stands still at the given remaining time."""

    def __init__(self, remaining_millis):
        self.remaining_millis = remaining_millis

    def get_remaining_time_in_millis(self):
        return self.remaining_millis


class RecordingChoice:
    """Stands in for secrets.choice: records each sequence and returns its item at index."""

    def __init__(self, index):
        self.index = index
        self.sequences = []

    def __call__(self, sequence):
        self.sequences.append(sequence)
        return sequence[self.index]


def catalogue_beers():
    """The bundled catalogue, read independently of the handler."""
    with open(handler.CATALOGUE_PATH, "rb") as file:
        return json.load(file)


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

    def test_no_retry_is_started_that_cannot_finish(self):
        # The retry needs 0.5 s wait + 5 s timeout + 7 s reserve = 12.5 s; only 12 s are left.
        opener = FakeOpener(TimeoutError("timed out"), BEER_BODY)
        self.sleeps = []
        with self.assertLogs(level="WARNING") as logs:
            with self.assertRaisesRegex(handler.BeerApiError, "failed after 1 attempts"):
                handler.fetch_beer(URL, 5.0, 3, opener=opener, sleep=self.sleeps.append,
                                   remaining=lambda: 12.0, reserve=7.0)
        self.assertEqual(len(opener.calls), 1)
        self.assertEqual(self.sleeps, [])
        (entry,) = json_lines(logs)
        self.assertEqual(entry["message"], "no time left to retry the beer API")
        self.assertEqual((entry["seconds_left"], entry["seconds_needed"]), (12.0, 12.5))

    def test_retry_that_fits_is_started(self):
        opener = FakeOpener(TimeoutError("timed out"), BEER_BODY)
        self.sleeps = []
        with self.assertLogs(level="WARNING"):
            beer = handler.fetch_beer(URL, 5.0, 3, opener=opener, sleep=self.sleeps.append,
                                      remaining=lambda: 12.5, reserve=7.0)
        self.assertEqual(beer, BEER)
        self.assertEqual(self.sleeps, [0.5])

    def test_remaining_time_is_checked_before_each_retry(self):
        # Enough time for the first retry (needs 12.5 s), not for the second (needs 13 s).
        clock = iter([20.0, 12.9])
        opener = FakeOpener(http_error(503), http_error(503), BEER_BODY)
        self.sleeps = []
        with self.assertLogs(level="WARNING"):
            with self.assertRaisesRegex(handler.BeerApiError, "failed after 2 attempts.*503"):
                handler.fetch_beer(URL, 5.0, 3, opener=opener, sleep=self.sleeps.append,
                                   remaining=lambda: next(clock), reserve=7.0)
        self.assertEqual(len(opener.calls), 2)
        self.assertEqual(self.sleeps, [0.5])

    def test_worst_case_of_the_defaults(self):
        # 3 attempts x 5 s + waits of 0.5 s and 1 s.
        self.assertEqual(handler.http_worst_case_seconds(5.0, 3), 16.5)
        self.assertEqual(handler.http_worst_case_seconds(5.0, 1), 5.0)
        self.assertEqual(handler.http_worst_case_seconds(2.0, 4), 8.0 + 0.5 + 1.0 + 2.0)


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


class RecordFormatTest(unittest.TestCase):
    """Firehose concatenates records without a delimiter: each must be one JSON line."""

    def put(self, beer):
        kinesis = FakeKinesis()
        handler.put_beer(kinesis, "s", beer)
        return kinesis.calls[0]["Data"]

    def test_record_is_one_compact_sorted_json_line(self):
        self.assertEqual(self.put(BEER),
                         b'{"abv":6.0,"ibu":60.0,"id":192,"name":"Punk IPA 2007 - 2010"}\n')

    def test_exactly_one_newline_even_when_a_field_holds_newlines(self):
        beer = {"id": "b-1", "name": "Line\nbreak\r\nbeer ☕", "tips": ["a\nb"]}
        data = self.put(beer)
        self.assertIsInstance(data, bytes)
        self.assertTrue(data.endswith(b"\n"))
        self.assertEqual(data.count(b"\n"), 1)
        self.assertNotIn(b"\r", data)
        self.assertEqual(json.loads(data.decode("utf-8")), beer)

    def test_concatenated_records_split_back_into_beers(self):
        beers = [BEER, {"id": 2, "name": "Trashy Blonde"}, {"id": "x", "name": "Bière"}]
        delivered = b"".join(self.put(beer) for beer in beers)  # what Firehose writes to S3
        lines = delivered.decode("utf-8").split("\n")
        self.assertEqual(lines[-1], "")  # the object ends with a newline
        self.assertEqual([json.loads(line) for line in lines[:-1]], beers)


class LoadConfigTest(unittest.TestCase):
    def load(self, **env):
        with mock.patch.dict(os.environ, env, clear=True):
            return handler.load_config()

    def test_defaults(self):
        # No URL: the beer comes from the bundled catalogue, not from the offline Punk API.
        config = self.load(STREAM_NAME="beer-stream")
        self.assertEqual(config, handler.Config("beer-stream", None, 5.0, 3))

    def test_values_from_environment(self):
        config = self.load(STREAM_NAME="s", BEER_API_URL=URL, HTTP_TIMEOUT_SECONDS="2.5",
                           MAX_ATTEMPTS="5")
        self.assertEqual(config, handler.Config("s", URL, 2.5, 5))

    def test_blank_values_mean_default(self):
        config = self.load(STREAM_NAME="s", BEER_API_URL="  ", HTTP_TIMEOUT_SECONDS=" ",
                           MAX_ATTEMPTS="")
        self.assertEqual(config, handler.Config("s", None, 5.0, 3))

    def test_no_punk_api_default_remains(self):
        self.assertFalse(hasattr(handler, "DEFAULT_API_URL"))
        self.assertNotIn("punkapi.com", Path(handler.__file__).read_text(encoding="utf-8"))

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
    """The API source (BEER_API_URL set): behaviour as before the catalogue existed."""

    def run_handler(self, opener, kinesis, context=None, **env):
        self.sleeps = []
        with mock.patch.dict(os.environ, env, clear=True):
            return handler.lambda_handler({"source": "aws.events"}, context, kinesis=kinesis,
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
        self.assertEqual(entry["source"], "api")
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
        self.assertEqual(entry["source"], "api")
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

    def test_api_source_leaves_the_catalogue_unread(self):
        handler.load_catalogue.cache_clear()
        self.addCleanup(handler.load_catalogue.cache_clear)
        with mock.patch.object(handler, "CATALOGUE_PATH", "/nonexistent/catalogue.json"):
            with self.assertLogs(level="INFO"):
                result = self.run_handler(FakeOpener(BEER_BODY), FakeKinesis(), **ENV)
        self.assertEqual(result["beer_id"], 192)
        self.assertEqual(handler.load_catalogue.cache_info().misses, 0)

    def test_retry_keeps_time_for_the_kinesis_put(self):
        # A retry needs 0.5 s wait + 5 s timeout + the Kinesis worst case (7 s) = 12.5 s.
        for remaining_millis, calls in ((12_499, 1), (12_500, 2)):
            with self.subTest(remaining_millis=remaining_millis):
                opener = FakeOpener(TimeoutError("slow"), BEER_BODY)
                kinesis = FakeKinesis()
                with self.assertLogs(level="INFO"):
                    try:
                        self.run_handler(opener, kinesis, FakeContext(remaining_millis), **ENV)
                    except handler.BeerApiError:
                        pass
                self.assertEqual(len(opener.calls), calls)
                self.assertEqual(len(kinesis.calls), calls - 1)

    def test_no_context_means_no_deadline(self):
        self.assertIsNone(handler._remaining_seconds(None))
        self.assertEqual(handler._remaining_seconds(FakeContext(2500))(), 2.5)


class CatalogueSourceTest(unittest.TestCase):
    """The default source (BEER_API_URL unset or blank): the bundled catalogue, no network."""

    def setUp(self):
        handler.load_catalogue.cache_clear()
        self.addCleanup(handler.load_catalogue.cache_clear)

    def run_handler(self, choice, kinesis, **env):
        opener = FakeOpener()  # no outcomes: any HTTP request would fail the test
        with mock.patch.dict(os.environ, env, clear=True):
            result = handler.lambda_handler({"source": "aws.events"}, FakeContext(30_000),
                                            kinesis=kinesis, opener=opener, choice=choice)
        self.assertEqual(opener.calls, [])
        return result

    def test_random_catalogue_beer_is_sent_as_a_json_line(self):
        beers = catalogue_beers()
        choice, kinesis = RecordingChoice(41), FakeKinesis()
        with self.assertLogs(level="INFO") as logs:
            result = self.run_handler(choice, kinesis, STREAM_NAME="beer-stream")
        # The choice is offered every beer of the catalogue, in file order.
        (offered,) = choice.sequences
        self.assertEqual(list(offered), beers)
        picked = beers[41]
        (call,) = kinesis.calls
        self.assertEqual(call["StreamName"], "beer-stream")
        self.assertEqual(call["PartitionKey"], str(picked["id"]))
        self.assertTrue(call["Data"].endswith(b"\n"))
        self.assertEqual(call["Data"].count(b"\n"), 1)
        self.assertEqual(json.loads(call["Data"]), picked)
        self.assertEqual(result, {"beer_id": picked["id"], "shard_id": SHARD_ID,
                                  "sequence_number": SEQUENCE_NUMBER})
        loaded, sent = json_lines(logs)
        self.assertEqual(loaded["message"], "beer catalogue loaded")
        self.assertEqual((loaded["path"], loaded["beers"]),
                         (handler.CATALOGUE_PATH, CATALOGUE_SIZE))
        self.assertEqual((sent["message"], sent["source"]), ("beer sent", "catalogue"))
        self.assertEqual(sent["beer_id"], picked["id"])

    def test_blank_api_url_means_catalogue(self):
        choice = RecordingChoice(0)
        with self.assertLogs(level="INFO") as logs:
            self.run_handler(choice, FakeKinesis(), STREAM_NAME="s", BEER_API_URL=" ")
        self.assertEqual(len(choice.sequences), 1)
        self.assertEqual(json_lines(logs)[-1]["source"], "catalogue")

    def test_default_choice_is_uniform(self):
        default = inspect.signature(handler.lambda_handler).parameters["choice"].default
        self.assertIs(default, secrets.choice)

    def test_catalogue_is_read_once_per_container(self):
        choice, kinesis = RecordingChoice(-1), FakeKinesis()
        with self.assertLogs(level="INFO") as logs:
            for _ in range(3):
                self.run_handler(choice, kinesis, STREAM_NAME="s")
        first, *others = choice.sequences
        self.assertTrue(all(other is first for other in others))
        messages = [entry["message"] for entry in json_lines(logs)]
        self.assertEqual(messages.count("beer catalogue loaded"), 1)
        self.assertEqual(messages.count("beer sent"), 3)

    def test_broken_catalogue_fails_clearly_before_any_put(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "catalogue.json")
            Path(path).write_text("[]", encoding="utf-8")
            kinesis = FakeKinesis()
            with mock.patch.object(handler, "CATALOGUE_PATH", path):
                with self.assertLogs(level="ERROR") as logs:
                    with self.assertRaisesRegex(handler.CatalogueError, re.escape(path)):
                        self.run_handler(RecordingChoice(0), kinesis, STREAM_NAME="s")
        self.assertEqual(kinesis.calls, [])
        (entry,) = json_lines(logs)
        self.assertEqual((entry["message"], entry["source"]), ("beer not sent", "catalogue"))
        self.assertEqual(entry["error_type"], "CatalogueError")
        self.assertIn(path, entry["error"])


class CatalogueFileTest(unittest.TestCase):
    """The bundled file, its provenance and the loader's checks."""

    def setUp(self):
        handler.load_catalogue.cache_clear()
        self.addCleanup(handler.load_catalogue.cache_clear)

    def notice_field(self, name):
        notice = (CATALOGUE_DIR / "NOTICE").read_text(encoding="utf-8")
        match = re.search(rf"^{name}\s+(\S+)", notice, re.MULTILINE)
        self.assertIsNotNone(match, f"NOTICE has no {name} line")
        return match.group(1)

    def test_catalogue_is_the_file_recorded_in_notice(self):
        self.assertEqual(Path(handler.CATALOGUE_PATH).parent, CATALOGUE_DIR)
        self.assertEqual(self.notice_field("File"), Path(handler.CATALOGUE_PATH).name)
        digest = hashlib.sha256(Path(handler.CATALOGUE_PATH).read_bytes()).hexdigest()
        self.assertEqual(digest, self.notice_field("sha256"))

    def test_data_terms_are_shipped(self):
        licence = (CATALOGUE_DIR / "LICENSE").read_text(encoding="utf-8")
        self.assertIn("cannot be used for commercial purposes", licence)
        self.assertIn("MIT License", licence)
        self.assertEqual(self.notice_field("Package"), "punkapi-db")

    def test_every_catalogue_beer_passes_the_api_checks(self):
        beers = catalogue_beers()
        self.assertEqual(len(beers), CATALOGUE_SIZE)
        for index, beer in enumerate(beers):
            with self.subTest(index=index, id=beer.get("id") if isinstance(beer, dict) else None):
                self.assertIsNone(handler.beer_problem(beer))
                self.assertEqual(handler.parse_beer(json.dumps(beer).encode("utf-8")), beer)
                data = handler.encode_record(beer)  # also refuses NaN and infinities
                self.assertEqual(data.count(b"\n"), 1)
                self.assertTrue(data.endswith(b"\n"))
                self.assertEqual(json.loads(data), beer)

    def test_loader_returns_every_beer_and_caches_them(self):
        with self.assertLogs(level="INFO"):
            first = handler.load_catalogue(handler.CATALOGUE_PATH)
        second = handler.load_catalogue(handler.CATALOGUE_PATH)
        self.assertIs(first, second)
        self.assertEqual(list(first), catalogue_beers())
        self.assertEqual(handler.load_catalogue.cache_info().misses, 1)

    def test_broken_catalogues_are_errors_naming_the_file(self):
        cases = {
            "not JSON": (b"[{oops", "is not JSON"),
            "empty file": (b"", "is not JSON"),
            "not UTF-8": (b"\xff\xfe\x00[", "is not JSON"),
            "empty list": (b"[]", "non-empty JSON list of beers, got an empty list"),
            "object": (b'{"id": 1, "name": "A"}', "non-empty JSON list of beers, got dict"),
            "null": (b"null", "non-empty JSON list of beers, got NoneType"),
            "entry without name": (b'[{"id": 1, "name": "A"}, {"id": 2}]',
                                   "bad entry 1: the beer has no name"),
            "entry with bool id": (b'[{"id": true, "name": "A"}]',
                                   "bad entry 0: the beer has no usable id"),
            "entry not an object": (b'[{"id": 1, "name": "A"}, [1]]',
                                    "bad entry 1: expected a JSON object, got list"),
        }
        with tempfile.TemporaryDirectory() as folder:
            for label, (content, message) in cases.items():
                with self.subTest(label):
                    path = os.path.join(folder, label.replace(" ", "-") + ".json")
                    Path(path).write_bytes(content)
                    with self.assertRaises(handler.CatalogueError) as caught:
                        handler.load_catalogue(path)
                    self.assertIn(path, str(caught.exception))
                    self.assertIn(message, str(caught.exception))

    def test_missing_catalogue_is_an_error_naming_the_file(self):
        path = os.path.join(tempfile.gettempdir(), "no-such-folder-42", "beers.json")
        with self.assertRaisesRegex(handler.CatalogueError,
                                    "cannot read the beer catalogue " + re.escape(path)):
            handler.load_catalogue(path)


class KinesisClientTest(unittest.TestCase):
    def setUp(self):
        handler._kinesis_client.cache_clear()
        self.addCleanup(handler._kinesis_client.cache_clear)

    def test_boto3_client_is_created_once_with_the_config_and_reused(self):
        boto3, botocore = mock.Mock(), mock.Mock()
        modules = {"boto3": boto3, "botocore": botocore, "botocore.config": botocore.config}
        with mock.patch.dict(sys.modules, modules):
            first, second = handler._kinesis_client(), handler._kinesis_client()
        botocore.config.Config.assert_called_once_with(
            connect_timeout=1, read_timeout=2,
            retries={"mode": "standard", "total_max_attempts": 2})
        boto3.client.assert_called_once_with("kinesis", config=botocore.config.Config.return_value)
        self.assertIs(first, second)

    def test_importing_the_handler_loads_no_aws_sdk(self):
        code = ("import sys; import handler; "
                "print(sorted(m for m in ('boto3', 'botocore') if m in sys.modules))")
        output = subprocess.run([sys.executable, "-c", code], cwd=FUNCTION_DIR, check=True,
                                capture_output=True, text=True).stdout
        self.assertEqual(output.strip(), "[]")


class KinesisTimeBudgetTest(unittest.TestCase):
    """The SDK's timeouts and retries fit in the function's timeout (README, "SDK timeouts")."""

    def test_client_config(self):
        self.assertEqual(handler.kinesis_client_config(), {
            "connect_timeout": 1, "read_timeout": 2,
            "retries": {"mode": "standard", "total_max_attempts": 2}})

    def test_timeouts_are_below_botocore_defaults_and_the_function_timeout(self):
        config = handler.kinesis_client_config()
        for key in ("connect_timeout", "read_timeout"):
            with self.subTest(key):
                self.assertLess(config[key], 60)  # botocore's default for both
                self.assertLess(config[key], FUNCTION_TIMEOUT_SECONDS)

    def test_kinesis_worst_case(self):
        # 2 attempts x (1 s connect + 2 s read) + at most 1 s backoff before the retry.
        self.assertEqual([handler.kinesis_backoff_seconds(n) for n in (1, 2, 3, 6, 10)],
                         [1, 2, 4, 20, 20])
        self.assertEqual(handler.kinesis_worst_case_seconds(), 7)

    def test_worst_case_with_the_api_fits_in_the_function_timeout(self):
        http = handler.http_worst_case_seconds(handler.DEFAULT_TIMEOUT_SECONDS,
                                               handler.DEFAULT_MAX_ATTEMPTS)
        total = http + handler.kinesis_worst_case_seconds()
        self.assertEqual(total, 23.5)
        # The rest (6.5 s) covers the cold start (importing boto3, creating the client).
        self.assertLessEqual(total, FUNCTION_TIMEOUT_SECONDS - 5)

    def test_worst_case_with_the_catalogue_fits_in_the_function_timeout(self):
        self.assertLessEqual(handler.kinesis_worst_case_seconds(), FUNCTION_TIMEOUT_SECONDS - 5)

    @unittest.skipUnless(importlib.util.find_spec("botocore"),
                         "botocore is not installed; the dict itself is tested above")
    def test_botocore_builds_the_config(self):
        import botocore.config

        config = botocore.config.Config(**handler.kinesis_client_config())
        self.assertEqual(config.connect_timeout, 1)
        self.assertEqual(config.read_timeout, 2)
        self.assertEqual(config.retries, {"mode": "standard", "total_max_attempts": 2})

    @unittest.skipUnless(importlib.util.find_spec("botocore"),
                         "botocore is not installed; cannot compare with its backoff")
    def test_botocore_backoff_never_exceeds_the_bound(self):
        from botocore.retries.standard import ExponentialBackoff

        backoff = ExponentialBackoff(random=lambda: 1.0)  # the largest jitter
        for attempt in range(1, 8):
            with self.subTest(attempt=attempt):
                context = types.SimpleNamespace(attempt_number=attempt, http_response=None)
                self.assertLessEqual(backoff.delay_amount(context),
                                     handler.kinesis_backoff_seconds(attempt))


if __name__ == "__main__":
    unittest.main()
