"""newsdesk's domain library: ingestion, cleaning, dates, entities and the Whoosh index. No UI here."""
