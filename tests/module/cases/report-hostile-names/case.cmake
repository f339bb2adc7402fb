# Names from elsewhere never become markup in the report: a source file named
# core<img src=x onerror=alert(1)>.c, and a profile archive whose sidecar a
# sender edited to hold <script> and <img onerror> in every key and value.
# The page built from them is parsed: it holds only the report's own elements
# and attributes, and the hostile names do reach it, as text.
set(CASE_ARGS -DPGO=ON)
set(CASE_BUILD ON)

function(case_check)
  set(page "${BUILD_DIR}/_pgo/report.html")
  expect_file("${page}")
  foreign_tags("${page}" foreign)
  if(foreign)
    fail("the report built from a hostile source name holds foreign tags: ${foreign}")
  endif()
  file(READ "${page}" html)
  expect_match("report.html" "${html}" "core&lt;img src=x onerror=alert\\(1\\)&gt;\\.c")

  # The sender's archive: every sidecar line's value, and a key of its own, hold markup.
  run_build(text rc --target pgo-archive)
  file(GLOB archive "${BUILD_DIR}/pgo-profile-*.tar.gz")
  set(staging "${WORK_DIR}/sender")
  file(REMOVE_RECURSE "${staging}")
  file(MAKE_DIRECTORY "${staging}")
  execute_process(COMMAND "${CMAKE_COMMAND}" -E tar xf "${archive}" WORKING_DIRECTORY "${staging}")
  file(GLOB_RECURSE meta "${staging}/*.meta")
  file(STRINGS "${meta}" lines)
  set(evil "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&</title></code>")
  set(edited "")
  foreach(line IN LISTS lines)
    if(line MATCHES "^([^=]*)=(.*)$")
      string(APPEND edited "${CMAKE_MATCH_1}=${evil}${CMAKE_MATCH_2}\n")
      string(APPEND edited "${CMAKE_MATCH_1}${evil}=${evil}\n")
    endif()
  endforeach()
  file(WRITE "${meta}" "${edited}")
  file(GLOB members RELATIVE "${staging}" "${staging}/*")
  execute_process(COMMAND "${CMAKE_COMMAND}" -E tar czf "${WORK_DIR}/sent.tar.gz" --format=gnutar
    -- ${members} WORKING_DIRECTORY "${staging}")

  set(BUILD_DIR "${WORK_DIR}/receiver")
  run_configure(text rc -G Ninja "-DCMAKE_C_COMPILER=${CC}" "-DPGO_ROOT=${PGO_ROOT}"
    -DCMAKE_BUILD_TYPE=Release -DPGO=ON "-DPGO_PROFILE=${WORK_DIR}/sent.tar.gz" ${helper_arg})
  expect_match("configure with the edited archive" "${rc}" "^0$")
  run_build(text rc)
  expect_match("build with the edited archive" "${rc}" "^0$")
  set(page "${BUILD_DIR}/_pgo/report.html")
  expect_file("${page}")
  foreign_tags("${page}" foreign)
  if(foreign)
    fail("the report of the edited archive holds foreign tags: ${foreign}")
  endif()
  file(READ "${page}" html)
  # The sender's text is there, as text: in the header, in the sidecar table's keys and values.
  expect_match("report.html" "${html}" "from revision <code>[^<]*&lt;script&gt;")
  # (kv lines split at the first '=': the key ends inside the <img> tag.)
  expect_match("report.html" "${html}" "<tr><th>compiler_version&lt;script&gt;alert\\(1\\)&lt;/script&gt;&lt;img src</th><td><code>x onerror=alert\\(2\\)&gt;&quot;&#39;&amp;&lt;/title&gt;&lt;/code&gt;=&lt;script&gt;")
endfunction()
