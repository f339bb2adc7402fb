pgo_add_training(app-train COMMAND app 3000000)
pgo_add_training(kill-bolt COMMAND sh "${CASE_DIR}/kill-bolt.sh" "${CASE_KILL_TRIGGER}")
