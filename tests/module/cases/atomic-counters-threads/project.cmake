# work links threads, through CMake's FindThreads; app links work.
set(THREADS_PREFER_PTHREAD_FLAG ON)
find_package(Threads REQUIRED)
target_link_libraries(work PUBLIC Threads::Threads)
pgo_add_training(app-train COMMAND app 3000000)
