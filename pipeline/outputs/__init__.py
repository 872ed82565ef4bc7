"""What staff and other tools read: workbook, HTML reports, status.json, the filed archive."""
