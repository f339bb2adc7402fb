# Test names with spaces, non-ASCII letters, a semicolon, 300 characters; an argument with a
# semicolon, which must reach the program whole (the training prints it and fails on purpose).
string(REPEAT "long-" 60 long)
pgo_add_training("name with spaces é ü" COMMAND app 300000)
pgo_add_training("semi;colon" COMMAND app 200000)
pgo_add_training("${long}name" COMMAND app 100000)
pgo_add_training(args COMMAND sh -c "echo \"arg:$1\"; exit 3" sh "x;y é")
