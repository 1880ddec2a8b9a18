"""Neo4j load throughput: 1,000,000 CO_OCCURS relationships among 50,000 concepts.

Runs against the local test server (`make neo4j-up`) or NEO4J_URI, wiping its
database. Measures, in one run and on the same synthetic rows:
  * the MERGE path (what `conceptgraph neo4j load` does; idempotent), and
  * a CREATE path into an empty database (first loads only),
and prints relationships/s for each and their ratio.

    python bench/neo4j_load.py [--concepts 50000] [--rels 1000000] [--batch-size 10000]
"""

from __future__ import annotations

import argparse
import os
import random
import time

from graph.neo4j_writer import Connection, driver, ensure_constraints, merge_nodes, merge_rels, wipe


def synthetic(n_concepts: int, n_rels: int, seed: int = 1) -> tuple[list[dict], list[dict]]:
    rng = random.Random(seed)
    types = ["method", "dataset", "task", "metric", "architecture", "material", "other"]
    nodes = [
        {
            "key": f"concept {i}",
            "props": {
                "key": f"concept {i}",
                "name": f"Concept {i}",
                "type": types[i % 6],
                "frequency": 1 + i % 50,
                "community": i % 97,
                "pagerank": 1.0 / (i + 1),
            },
        }
        for i in range(n_concepts)
    ]
    seen: set[tuple[int, int]] = set()
    rels = []
    while len(rels) < n_rels:
        a, b = rng.randrange(n_concepts), rng.randrange(n_concepts)
        if a == b:
            continue
        a, b = min(a, b), max(a, b)
        if (a, b) in seen:
            continue
        seen.add((a, b))
        count = 1 + rng.randrange(5)
        rels.append(
            {
                "a": f"concept {a}",
                "b": f"concept {b}",
                "props": {
                    "count": count,
                    "association": rng.random() * 10,
                    "npmi": rng.random(),
                    "papers": [f"p{rng.randrange(100000)}" for _ in range(min(count, 3))],
                },
            }
        )
    return nodes, rels


def timed(label: str, fn) -> float:
    t0 = time.perf_counter()
    fn()
    dt = time.perf_counter() - t0
    print(f"  {label}: {dt:.1f}s", flush=True)
    return dt


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--concepts", type=int, default=50_000)
    ap.add_argument("--rels", type=int, default=1_000_000)
    ap.add_argument("--batch-size", type=int, default=10_000)
    args = ap.parse_args()
    conn = Connection(
        os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"),
        os.environ.get("NEO4J_USERNAME", "neo4j"),
        os.environ.get("NEO4J_PASSWORD", "conceptgraph-test"),
        os.environ.get("NEO4J_DATABASE", "neo4j"),
    )
    nodes, rels = synthetic(args.concepts, args.rels)
    print(f"{len(nodes)} concepts, {len(rels)} CO_OCCURS relationships, batch {args.batch_size}")
    results = {}
    with driver(conn) as drv:
        for path in ("MERGE", "CREATE"):
            print(f"{path} path (empty database):", flush=True)
            timed("wipe", lambda: wipe(drv, conn))
            ensure_constraints(drv, conn)
            timed("nodes", lambda: merge_nodes(drv, conn, "Concept", nodes, args.batch_size))
            dt = timed(
                "relationships", lambda v=path: merge_rels(drv, conn, "CO_OCCURS", rels, args.batch_size, verb=v)
            )
            results[path] = len(rels) / dt
            print(f"  {results[path]:,.0f} relationships/s", flush=True)
        n = drv.execute_query("MATCH ()-[r:CO_OCCURS]->() RETURN count(r) AS n", database_=conn.database).records[0][
            "n"
        ]
        print(f"relationships in the database after the CREATE run: {n:,}")
    print(
        f"MERGE {results['MERGE']:,.0f} rel/s, CREATE {results['CREATE']:,.0f} rel/s, "
        f"CREATE/MERGE {results['CREATE'] / results['MERGE']:.2f}x; "
        f"1M relationships by MERGE in {args.rels / results['MERGE']:.0f}s"
    )


if __name__ == "__main__":
    main()
