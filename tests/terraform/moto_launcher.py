"""Starts moto's server with one fix for an emulator gap, so the end-to-end test measures
pipectl, not moto.

moto 5.2 ignores the `Tags` parameter of Kinesis CreateStream (AWS accepts it since 2024 and the
AWS provider sends tags there), so a stream would come back untagged and every plan would show a
tags diff that real AWS never shows. The patch applies those tags the way AddTagsToStream does.

Usage: moto_launcher.py -H 127.0.0.1 -p PORT   (the arguments of moto_server)
"""

import sys

from moto.kinesis.responses import KinesisResponse
from moto.server import main

_create_stream = KinesisResponse.create_stream


def _create_stream_with_tags(self):
    result = _create_stream(self)
    tags = self._get_param("Tags")
    if tags:
        self.kinesis_backend.add_tags_to_stream(None, self._get_param("StreamName"), tags)
    return result


KinesisResponse.create_stream = _create_stream_with_tags

if __name__ == "__main__":
    main(sys.argv[1:])
