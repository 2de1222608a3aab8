-- Raw events are kept unique under one 128-bit key instead of (account_id, transaction_id): the
-- first 16 bytes of SHA-256 over the account id's UTF-8, a zero byte and the transaction id's
-- UTF-8 (PostgresUsageStore.eventKey computes the same in Java; text never holds a zero byte, so
-- no two pairs share an input). Every ingested event inserts into this index: a 16-byte key is
-- compared with one memcmp instead of two collation-aware text comparisons, and its entries are
-- about half the size, so the unique check and insert cost less (docs/performance.md).
alter table usage_event add column event_key uuid;

update usage_event
set event_key = cast(encode(substr(sha256(convert_to(account_id, 'UTF8') || '\x00'::bytea
                                          || convert_to(transaction_id, 'UTF8')), 1, 16), 'hex')
                     as uuid);

alter table usage_event drop constraint usage_event_pkey;

alter table usage_event add constraint usage_event_pkey primary key (event_key);
