"""Mail intake: the QQ Mail mailbox over IMAP, taken in exactly once.

connection (IMAP, the only imapclient user) -> sync (one pass over a folder, in the order
fetch, store, ledger, post-action) -> takein (a parsed mail's files into the intake service);
message/headers/tnef/bigattach read a raw mail; ledger remembers every message; source runs
it all in a thread with reconnects; ingest takes saved .eml files with the same semantics.
"""
