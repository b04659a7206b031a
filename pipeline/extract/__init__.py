"""The one registry of extractors: kind -> function(Document) -> Iterable[Mention]."""
