#!/usr/bin/env python3
"""Decodes Avro bytes with a self-contained schema in Python's own Avro implementation, then encodes
the record again. Each input line is '<schema file> <hex bytes>'; each output line is
'<hex of the re-encoded bytes> <the decoded record's field names, comma-separated>'.
SelfContainedSchemasITCase feeds it bytes the engine's codec wrote."""
import io
import sys

import avro.io
import avro.schema

for line in sys.stdin:
    path, hex_bytes = line.split()
    with open(path) as f:
        schema = avro.schema.parse(f.read())
    decoder = avro.io.BinaryDecoder(io.BytesIO(bytes.fromhex(hex_bytes)))
    record = avro.io.DatumReader(schema).read(decoder)
    out = io.BytesIO()
    avro.io.DatumWriter(schema).write(record, avro.io.BinaryEncoder(out))
    print(out.getvalue().hex(), ",".join(record.keys()), flush=True)
