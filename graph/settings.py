"""All configuration in one typed place, read from the environment or `.env`."""

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PASSWORD = "civicgraph-local"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: Literal["development", "production"] = Field(
        default="development", alias="CIVICGRAPH_ENV"
    )
    # When unset, the project's own local Neo4j is started and used.
    neo4j_uri: str | None = Field(default=None, alias="NEO4J_URI")
    neo4j_user: str = Field(default="neo4j", alias="NEO4J_USER")
    neo4j_password: SecretStr = Field(default=SecretStr(DEFAULT_PASSWORD), alias="NEO4J_PASSWORD")
    neo4j_database: str = Field(default="neo4j", alias="NEO4J_DATABASE")

    local_neo4j_version: str = Field(default="5.26.30", alias="CIVICGRAPH_NEO4J_VERSION")
    local_neo4j_port: int = Field(default=7687, alias="CIVICGRAPH_NEO4J_PORT")
    local_neo4j_heap: str = Field(default="1g", alias="CIVICGRAPH_NEO4J_HEAP")
    local_neo4j_pagecache: str = Field(default="512m", alias="CIVICGRAPH_NEO4J_PAGECACHE")
    cache_dir: Path = Field(default=PROJECT_ROOT / ".cache", alias="CIVICGRAPH_CACHE_DIR")
    state_dir: Path = Field(default=PROJECT_ROOT / ".state", alias="CIVICGRAPH_STATE_DIR")
    # The knowledge base `make run` loads, and the service vocabulary and register readers use.
    data_dir: Path = Field(default=PROJECT_ROOT / "data", alias="CIVICGRAPH_DATA_DIR")

    # Comma-separated in the environment; none means the read-only Cypher endpoint is off.
    api_keys: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list, alias="CIVICGRAPH_API_KEYS"
    )
    cypher_timeout_s: float = Field(default=5.0, gt=0, alias="CIVICGRAPH_CYPHER_TIMEOUT_S")
    cypher_row_limit: int = Field(default=1000, ge=1, alias="CIVICGRAPH_CYPHER_ROW_LIMIT")
    cypher_answer_max_bytes: int = Field(
        default=16 * 1024 * 1024, ge=1024, alias="CIVICGRAPH_CYPHER_ANSWER_MAX_BYTES"
    )
    # The API's and the commands' own queries: each transaction's limit on the server.
    query_timeout_s: float = Field(default=10.0, gt=0, alias="CIVICGRAPH_QUERY_TIMEOUT_S")
    # How long a read keeps retrying while Neo4j cannot be reached (the driver's retry window).
    read_retry_s: float = Field(default=3.0, ge=0, alias="CIVICGRAPH_READ_RETRY_S")
    # Largest request body /graphql and /cypher take.
    request_max_bytes: int = Field(
        default=256 * 1024, ge=1024, alias="CIVICGRAPH_REQUEST_MAX_BYTES"
    )
    # Processes serving the API (`civicgraph serve` and `run`): two keep both cores of the
    # machine the project is measured on busy beside Neo4j (bench/HTTP_RESULTS.md).
    workers: int = Field(default=2, ge=1, le=64, alias="CIVICGRAPH_WORKERS")
    # Reads one process has in Neo4j at once (0: no limit); the others queue in the process.
    concurrent_reads: int = Field(default=0, ge=0, alias="CIVICGRAPH_CONCURRENT_READS")
    # Answers of the heaviest questions (accountability, neighbourhood, structure, gaps) each
    # process keeps while the graph is unchanged (0: none); see graph/answer_cache.py.
    kept_answers: int = Field(default=32, ge=0, le=10_000, alias="CIVICGRAPH_KEPT_ANSWERS")
    # Whether the API asks the GraphiQL examples once at start-up, so that Neo4j has planned
    # their queries before the first user asks (api/warm_up.py).
    warm_up: bool = Field(default=True, alias="CIVICGRAPH_WARM_UP")

    @field_validator("api_keys", mode="before")
    @classmethod
    def _split_api_keys(cls, value: object) -> object:
        if isinstance(value, str):
            return [key.strip() for key in value.split(",") if key.strip()]
        return value

    @model_validator(mode="after")
    def _refuse_default_password_in_production(self) -> "Settings":
        if (
            self.environment == "production"
            and self.neo4j_password.get_secret_value() == DEFAULT_PASSWORD
        ):
            raise ValueError("NEO4J_PASSWORD must be set to a real secret in production")
        return self

    @property
    def uses_local_neo4j(self) -> bool:
        return self.neo4j_uri is None

    @property
    def local_neo4j_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.local_neo4j_port}"

    @property
    def effective_neo4j_uri(self) -> str:
        return self.neo4j_uri or self.local_neo4j_uri


@lru_cache
def get_settings() -> Settings:
    return Settings()
