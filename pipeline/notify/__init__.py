"""Mail sent by the program (opt-in, `[notify]`): a receipt (回执) to the sender of each mail
taken in, and a 补正通知 once staff ask for it in the workbook. Every mail sent is recorded in
the state store and never sent twice."""
