"""Harvesting councils' ModernGov web services into files the loaders read.

`client` asks politely (delay, retries with backoff, timeouts) and checks each answer;
`moderngov` knows which calls to make; `store` keeps each raw answer with a JSON sidecar
(URL, retrieval time, status, content hash); `documents` turns a sidecar into the loaded
Document's URL and date; `run` harvests councils in turn and loads what each kept.
"""
