"""Firehose transformation: keep the analytic fields of each beer record.

Each record is handled on its own: a record that cannot be decoded is returned as
ProcessingFailed (Firehose writes it to the error prefix) and never fails the batch.
Output records are newline-delimited JSON, so Glue and Athena read one beer per line.
"""

import base64
import json
import logging

KEPT_FIELDS = ("id", "name", "abv", "ibu", "target_fg", "target_og", "ebc", "srm", "ph")

# What one bad record can raise: binascii.Error, JSONDecodeError and Unicode errors are
# ValueErrors; RecursionError comes from absurdly nested JSON.
RECORD_ERRORS = (TypeError, ValueError, RecursionError)

logger = logging.getLogger()
logger.setLevel(logging.INFO)


def log(level, message, **fields):
    """Log one JSON object on one line, so CloudWatch Logs Insights can query its fields."""
    entry = {"level": logging.getLevelName(level), "message": message, **fields}
    logger.log(level, json.dumps(entry, sort_keys=True, default=str))


def clean(beer):
    """The kept fields of one beer, in a fixed order; missing ones become null."""
    return {field: beer.get(field) for field in KEPT_FIELDS}


def decode_beer(data):
    """The beer in a record's base64 data: a JSON object, or a list holding exactly one."""
    if not isinstance(data, str):
        raise TypeError(f"record data must be a base64 string, got {type(data).__name__}")
    payload = json.loads(base64.b64decode(data, validate=True).decode("utf-8"))
    if isinstance(payload, list):
        if len(payload) != 1:
            raise ValueError(f"expected one beer, got a list of {len(payload)}")
        payload = payload[0]
    if not isinstance(payload, dict):
        raise ValueError(f"expected a JSON object, got {type(payload).__name__}")
    return payload


def encode_line(beer):
    """Base64 of one UTF-8 JSON line ending in a newline.

    Names stay readable (no \\u escapes); NaN and infinities are refused (ValueError) because
    they are not JSON and Athena would fail on the file.
    """
    line = json.dumps(beer, separators=(",", ":"), ensure_ascii=False, allow_nan=False) + "\n"
    return base64.b64encode(line.encode("utf-8")).decode("ascii")


def transform_record(record):
    """The output for one input record: Ok with the cleaned beer, or ProcessingFailed.

    Every failure stays inside this record, so one bad beer never fails the whole batch.
    """
    fields = record if isinstance(record, dict) else {}
    record_id = fields.get("recordId")
    data = fields.get("data")
    try:
        line = encode_line(clean(decode_beer(data)))
    except RECORD_ERRORS as error:
        log(logging.WARNING, "record failed", record_id=record_id, error=str(error),
            error_type=type(error).__name__)
        # Firehose writes the original record to the error prefix; echoing the data (when it
        # is a string) keeps the response well-formed.
        return {"recordId": record_id, "result": "ProcessingFailed",
                "data": data if isinstance(data, str) else ""}
    return {"recordId": record_id, "result": "Ok", "data": line}


def lambda_handler(event, context):
    """Transform a Firehose batch: one output record per input record, in the same order."""
    records = [transform_record(record) for record in event.get("records", [])]
    failed = sum(1 for record in records if record["result"] != "Ok")
    log(logging.INFO, "batch transformed", records=len(records), failed=failed)
    return {"records": records}
