# The name after PGO_TRAINING_COMMAND_ becomes a test's name: a space is refused.
set(CASE_ARGS -DPGO=ON "-DPGO_TRAINING_COMMAND_two words=app 10")
set(CASE_RESULT 1)
set(CASE_STDERR "PGO_TRAINING_COMMAND_two words: the name after PGO_TRAINING_COMMAND_ names the training test pgo-training-command-<name>, and may hold only letters, digits, '_', '.' and '-'\\. Rename the setting")
