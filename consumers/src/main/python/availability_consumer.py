#!/usr/bin/env python3
"""The consumer guide's Python consumer of inventory.availability, to copy into a service.

Needs confluent-kafka and avro (Debian: python3-confluent-kafka python3-avro) and the self-contained
schema Availability.avsc (schemas jar, folder avro-self-contained/). Reads committed records only,
decodes the plain Avro value (no magic byte, no schema id) and keeps the highest version per key
(sku|node). Prints every change as a JSON line; with --until-caught-up it stops once it has read
every partition to its end. AvailabilityConsumerITCase runs it against the broker.

    python3 availability_consumer.py --bootstrap localhost:9092 --schema Availability.avsc
"""
import argparse
import io
import json

import avro.io
import avro.schema
from confluent_kafka import Consumer, KafkaError

TOPIC = "inventory.availability"


def main():
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--bootstrap", default="localhost:9092")
    args.add_argument("--schema", required=True, help="path of the self-contained Availability.avsc")
    args.add_argument("--group", default="my-service")
    args.add_argument("--until-caught-up", action="store_true",
                      help="stop once every partition has been read to its end")
    opts = args.parse_args()

    with open(opts.schema) as f:
        reader = avro.io.DatumReader(avro.schema.parse(f.read()))
    consumer = Consumer({
        "bootstrap.servers": opts.bootstrap,
        "group.id": opts.group,
        # the engine writes in transactions: without this, records of aborted ones are read too
        "isolation.level": "read_committed",
        # a new service reads the whole compacted topic, then follows it
        "auto.offset.reset": "earliest",
        "enable.partition.eof": True,
    })
    consumer.subscribe([TOPIC])
    latest = {}  # sku|node -> the record with the highest version
    at_end = set()
    try:
        while True:
            msg = consumer.poll(1.0)
            if msg is None:
                continue
            if msg.error():
                if msg.error().code() == KafkaError._PARTITION_EOF:
                    at_end.add(msg.partition())
                    assigned = consumer.assignment()
                    if opts.until_caught_up and assigned and len(at_end) >= len(assigned):
                        break
                    continue
                raise SystemExit(f"kafka error: {msg.error()}")
            at_end.discard(msg.partition())
            if msg.value() is None:
                continue  # the engine writes no tombstones; skip one a tool might have written
            record = reader.read(avro.io.BinaryDecoder(io.BytesIO(msg.value())))
            key = msg.key().decode("utf-8")
            known = latest.get(key)
            # versions rise per key; after a restore the generation (high 32 bits) rises, so a
            # replayed record outranks everything published before it: keep the highest
            if known is None or record["version"] > known["version"]:
                latest[key] = record
                print(json.dumps({"key": key, "sku": record["sku"], "nodeId": record["nodeId"],
                                  "atp": record["atp"], "version": record["version"],
                                  "eventTime": record["eventTime"].isoformat()}), flush=True)
    finally:
        consumer.close()


if __name__ == "__main__":
    main()
