"""The constraints and indexes over a freshly imported store, created so that they fill at once.

The importer of Neo4j Community writes the record format, which takes no schema (`--schema` is
refused: "Record format batch import does not support schema changes"), so the indexes are
filled once the server runs on the new store. The plain, text and full-text indexes are created
first in one transaction: the server fills them in the background, together, while the unique
constraints (each of which fills and checks its own index before it returns) are created one
after the other. `graph.schema.apply_schema` then finds everything in place and records the
schema version, as on any other graph.
"""

from __future__ import annotations

from graph.db import Database
from graph.schema import apply_schema, schema_statements

AWAIT_INDEXES_S = 600


async def build_schema(db: Database) -> None:
    statements = schema_statements()
    constraints = [statement for statement in statements if " CONSTRAINT " in statement]
    indexes = [statement for statement in statements if statement not in constraints]
    async with db.driver.session(database=db.name) as session:
        transaction = await session.begin_transaction()
        for statement in indexes:
            await (await transaction.run(statement)).consume()
        await transaction.commit()
    for statement in constraints:
        await db.write(statement)
    await db.write(f"CALL db.awaitIndexes({AWAIT_INDEXES_S})")
    await apply_schema(db)
