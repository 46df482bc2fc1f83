"""What to do about personal data once found: operators, file redaction, retention plans, audit log.

`operators` (pseudonymize / mask / redact on spans), `files` (redacted copies of logs,
JSON Lines, CSV/TSV, Parquet), `policy` (the retention policy file), `plan` and `database`
(plan and apply retention rules), `audit` (the append-only audit log).
"""
