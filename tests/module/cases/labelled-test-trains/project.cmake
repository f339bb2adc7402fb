add_test(NAME labelled COMMAND app 100000)
set_tests_properties(labelled PROPERTIES LABELS "slow;pgo-training")
