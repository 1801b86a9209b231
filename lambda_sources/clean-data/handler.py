"""Firehose transformation: keep the analytic fields of each beer record.

Each record is handled on its own: a record that cannot be decoded is returned as
ProcessingFailed (Firehose writes it to the error prefix) and never fails the batch.
Output records are newline-delimited JSON, so Glue and Athena read one beer per line.
"""

import base64
import binascii
import json
import logging

KEPT_FIELDS = ("id", "name", "abv", "ibu", "target_fg", "target_og", "ebc", "srm", "ph")

logger = logging.getLogger()
logger.setLevel(logging.INFO)


def clean(beer):
    """The kept fields of one beer; missing ones become null."""
    return {field: beer.get(field) for field in KEPT_FIELDS}


def decode_beer(data):
    """The beer in a record's base64 data: a JSON object, or a list holding exactly one."""
    payload = json.loads(base64.b64decode(data, validate=True).decode("utf-8"))
    if isinstance(payload, list) and len(payload) == 1:
        payload = payload[0]
    if not isinstance(payload, dict):
        raise ValueError("expected a JSON object or a one-element list")
    return payload


def transform_record(record):
    record_id = record.get("recordId")
    try:
        beer = clean(decode_beer(record["data"]))
    except (KeyError, TypeError, ValueError, binascii.Error, UnicodeDecodeError) as error:
        logger.warning(json.dumps({"message": "record failed", "record_id": record_id,
                                   "error": str(error)}))
        return {"recordId": record_id, "result": "ProcessingFailed", "data": record.get("data", "")}
    line = json.dumps(beer, separators=(",", ":")) + "\n"
    return {"recordId": record_id, "result": "Ok",
            "data": base64.b64encode(line.encode("utf-8")).decode("ascii")}


def lambda_handler(event, context):
    records = [transform_record(record) for record in event.get("records", [])]
    failed = sum(1 for record in records if record["result"] != "Ok")
    logger.info(json.dumps({"message": "batch transformed", "records": len(records),
                            "failed": failed}))
    return {"records": records}
