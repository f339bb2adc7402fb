# separate_arguments() would take the rest of the line as the quoted word.
set(CASE_ARGS -DPGO=ON "-DPGO_TRAINING_COMMAND=app \"10 20")
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_TRAINING_COMMAND has an unbalanced quote: app \"10 20 Close the quote, or escape a literal quote with a backslash\\.")
