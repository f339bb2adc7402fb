# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: checks the module's cache settings, so that a wrong, empty or
# hostile value stops the configure with a message that names it, not a later step.

include_guard(GLOBAL)

# Called by _pgo_check_settings: VAR must be a whole number from MIN to MAX.
function(_pgo_check_number var min max hint)
  set(value "${${var}}")
  if(NOT value MATCHES "^[0-9]+$" OR (min GREATER 0 AND value MATCHES "^0+$"))
    # The messages of the first versions, kept word for word.
    if(min EQUAL 0)
      message(FATAL_ERROR "${var} is '${value}': give a whole number ${hint}.")
    endif()
    message(FATAL_ERROR "${var} is '${value}': give a whole number greater than 0.")
  endif()
  string(REGEX REPLACE "^0+([0-9])" "\\1" value "${value}")
  string(LENGTH "${value}" digits)
  if(digits GREATER 9 OR value GREATER max)
    message(FATAL_ERROR "${var} is '${${var}}': give a whole number from ${min} to ${max} ${hint}.")
  endif()
endfunction()

# Called by PGO.cmake, before anything uses a setting.
function(_pgo_check_settings)
  # pgo-helper takes up to 4096 jobs and time limits up to 100 years (a limit of a year
  # times the slowdown).
  _pgo_check_number(PGO_TRAINING_JOBS 0 4096 "(0: one per core)")
  _pgo_check_number(PGO_TRAINING_TIMEOUT 1 31536000 "(seconds, up to a year)")
  _pgo_check_number(PGO_INSTRUMENTED_SLOWDOWN 1 100 "(a factor)")
  _pgo_check_number(PGO_GENERALIZE_FOLDS 2 1000 "(groups of training tests)")
  _pgo_check_number(PGO_TEST_PROFILES_LIMIT 0 1000000000 "(megabytes)")
  if(PGO_GENERALIZE_FOLDS LESS 2)
    message(FATAL_ERROR "PGO_GENERALIZE_FOLDS is '${PGO_GENERALIZE_FOLDS}': give a whole number "
      "from 2 to 1000 (groups of training tests).")
  endif()
  if(NOT PGO_GENERALIZE_THRESHOLD MATCHES "^[0-9]+(\\.[0-9]+)?$" OR PGO_GENERALIZE_THRESHOLD GREATER 100)
    message(FATAL_ERROR "PGO_GENERALIZE_THRESHOLD is '${PGO_GENERALIZE_THRESHOLD}': give a "
      "percentage from 0 to 100 (0 names no group).")
  endif()
  if(NOT PGO_TRAINING_CHOICE_GOAL MATCHES "^[0-9]+(\\.[0-9]+)?$" OR PGO_TRAINING_CHOICE_GOAL GREATER 100)
    message(FATAL_ERROR "PGO_TRAINING_CHOICE_GOAL is '${PGO_TRAINING_CHOICE_GOAL}': give a "
      "percentage from 0 to 100 of the whole training's coverage (default 99).")
  endif()
  _pgo_check_cold_policy()   # ColdCode.cmake
  _pgo_training_set_entries(unused)   # TrainingSet.cmake
  if(NOT PGO_SUMMARY_TOLERANCE STREQUAL "")
    if(NOT PGO_SUMMARY_TOLERANCE MATCHES "^[0-9]+(\\.[0-9]+)?$" OR PGO_SUMMARY_TOLERANCE GREATER 100)
      message(FATAL_ERROR "PGO_SUMMARY_TOLERANCE is '${PGO_SUMMARY_TOLERANCE}': give a percentage "
        "from 0 to 100 (such as 1 or 0.5), or leave it empty for the exact rule.")
    endif()
  endif()
  foreach(var IN ITEMS PGO_VERBOSE PGO_TRAINING_ALLOW_FAILURES PGO_CSPGO PGO_TRAINING_REUSE)
    string(TOUPPER "${${var}}" value)
    if(NOT value MATCHES "^(ON|OFF|YES|NO|TRUE|FALSE|Y|N|1|0|)$")
      message(FATAL_ERROR "${var} is '${${var}}': give ON or OFF.")
    endif()
  endforeach()
  # A FILEPATH given with a ';' arrives split and each part made absolute ("a;b" becomes
  # "<cwd>/a;<cwd>/b"): it cannot be repaired, only named.  PGO_PROFILE is a list of
  # profiles (Given.cmake).
  foreach(var IN ITEMS PGO_HELPER PGO_LLVM_PROFDATA PGO_GCOV_TOOL)
    if("${${var}}" MATCHES ";")
      message(FATAL_ERROR "${var} is '${${var}}': a path with a semicolon, which CMake splits "
        "as a list. Move or rename the file to a path without ';'.")
    endif()
  endforeach()
  # separate_arguments() forgives an unclosed quote (it takes the rest of the line): say so
  # instead of running another command than the one meant.
  _pgo_training_command_names(names)   # Training.cmake
  set(commands PGO_TRAINING_COMMAND)
  foreach(name IN LISTS names)
    list(APPEND commands PGO_TRAINING_COMMAND_${name})
  endforeach()
  foreach(var IN LISTS commands)
    string(REGEX REPLACE "\\\\." "" bare "${${var}}")
    string(REGEX REPLACE "\"[^\"]*\"|'[^']*'" "" bare "${bare}")
    if(bare MATCHES "[\"']")
      message(FATAL_ERROR "${var} has an unbalanced quote: ${${var}}\n"
        "Close the quote, or escape a literal quote with a backslash.")
    endif()
  endforeach()
endfunction()

# Called by PGO.cmake once the mode is known: PGO_TRAINING_SHARD is K/N, and only an
# instrumented tree run by hand trains a shard (an optimized tree trains the whole of it, or
# merges the shards' profiles given in PGO_PROFILE).
function(_pgo_check_shard mode)
  set(shard "${PGO_TRAINING_SHARD}")
  if(shard STREQUAL "")
    return()
  endif()
  if(NOT shard MATCHES "^0*([1-9][0-9]?[0-9]?[0-9]?[0-9]?)/0*([1-9][0-9]?[0-9]?[0-9]?[0-9]?)$"
     OR CMAKE_MATCH_1 GREATER CMAKE_MATCH_2)
    message(FATAL_ERROR "PGO_TRAINING_SHARD is '${shard}': give K/N, shard K of N, two whole "
      "numbers with 1 <= K <= N <= 99999 (1/3, 2/3 and 3/3 split the training in three).")
  endif()
  if(mode STREQUAL "ON")
    message(FATAL_ERROR "PGO_TRAINING_SHARD is '${shard}' in a PGO=ON tree, which trains with "
      "all the training tests. Train each shard in its own PGO=INSTRUMENT tree "
      "(-DPGO=INSTRUMENT -DPGO_TRAINING_SHARD=K/N, then the targets pgo-profile and "
      "pgo-archive), and build with the shards' archives: -DPGO=ON "
      "-DPGO_PROFILE=<archive 1>;<archive 2>;... Or clear it: -DPGO_TRAINING_SHARD=")
  endif()
endfunction()
