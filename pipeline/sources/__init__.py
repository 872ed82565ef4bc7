"""Where files come from: the scan folder, the command line, the mailbox."""
