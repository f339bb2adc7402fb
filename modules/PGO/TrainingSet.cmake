# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# Private part of PGO.cmake: PGO_TRAINING_SET, the training tests named one
# by one, with weights.  Where labels and PGO_TRAINING_TESTS only add tests,
# the set replaces the training, so that it can name a subset (the cheapest
# set pgo-helper summary -v finds) and weigh any test, the project's own too.

include_guard(GLOBAL)

# Called by _pgo_check_settings: OUT gets the set as "weight:name" entries,
# checked.  An entry "name=N" weighs test NAME N times; "name" alone is
# weight 1; weight 0 leaves the test out.
function(_pgo_training_set_entries out)
  set(entries "")
  set(names "")
  set(kept 0)
  foreach(entry IN LISTS PGO_TRAINING_SET)
    if(entry MATCHES "^(.*)=([0-9]+)$")
      set(name "${CMAKE_MATCH_1}")
      set(weight "${CMAKE_MATCH_2}")
      string(LENGTH "${weight}" digits)
      if(digits GREATER 7 OR weight GREATER 1000000)
        message(FATAL_ERROR "PGO_TRAINING_SET: the weight of '${name}' is ${weight}: give a "
          "whole number from 0 to 1000000 (0 leaves the test out).")
      endif()
      math(EXPR weight "${weight}")   # 007 is 7
    elseif(entry MATCHES "=")
      message(FATAL_ERROR "PGO_TRAINING_SET: '${entry}' has a weight that is no whole number: "
        "write <test>=<weight>, the weight from 0 to 1000000, as in mytest=3.")
    else()
      set(name "${entry}")
      set(weight 1)
    endif()
    if(name STREQUAL "")
      message(FATAL_ERROR "PGO_TRAINING_SET: '${entry}' names no test: write <test> or "
        "<test>=<weight>, separated by ';'.")
    endif()
    if(name IN_LIST names)
      message(FATAL_ERROR "PGO_TRAINING_SET names '${name}' twice: give each test once.")
    endif()
    list(APPEND names "${name}")
    list(APPEND entries "${weight}:${name}")
    if(weight GREATER 0)
      math(EXPR kept "${kept} + 1")
    endif()
  endforeach()
  if(NOT PGO_TRAINING_SET STREQUAL "" AND kept EQUAL 0)
    message(FATAL_ERROR "PGO_TRAINING_SET gives every test weight 0, which leaves no training: "
      "give at least one test a weight above 0, or clear the setting (-DPGO_TRAINING_SET=) to "
      "train with every training test.")
  endif()
  if(NOT PGO_TRAINING_SET STREQUAL "" AND NOT PGO_TRAINING_TESTS STREQUAL "")
    message(FATAL_ERROR "PGO_TRAINING_SET and PGO_TRAINING_TESTS are both set: the set replaces "
      "the training, so the expression would be ignored. Name every test in PGO_TRAINING_SET "
      "and clear the other (-DPGO_TRAINING_TESTS=), or clear the set.")
  endif()
  set(${out} "${entries}" PARENT_SCOPE)
endfunction()

# Called by _pgo_setup_instrumented and the BOLT setup: TRAIN_OUT, the
# arguments of pgo-helper train (or bolt) that run the set's tests of weight
# above 0, and MERGE_OUT, the weights other than 1 for pgo-helper merge
# (given after pgo_add_training's WEIGHT, so the set's weight wins).
function(_pgo_training_set_args train_out merge_out)
  _pgo_training_set_entries(entries)
  set(train "")
  set(merge "")
  foreach(entry IN LISTS entries)
    string(REGEX MATCH "^[0-9]+" weight "${entry}")
    string(REGEX REPLACE "^[0-9]+:" "" name "${entry}")
    if(weight GREATER 0)
      list(APPEND train --test "${name}")
    endif()
    if(weight GREATER 1)
      list(APPEND merge --weight "${entry}")
    endif()
  endforeach()
  set(${train_out} "${train}" PARENT_SCOPE)
  set(${merge_out} "${merge}" PARENT_SCOPE)
endfunction()

# WEIGHTS_OUT: the --weight arguments of pgo-helper merge, summary and report:
# pgo_add_training's WEIGHT, then PGO_TRAINING_SET's weights other than 1 (the
# set's win, given last).
function(_pgo_training_weight_args weights_out)
  get_property(weights GLOBAL PROPERTY _PGO_TRAINING_WEIGHTS)
  set(args "")
  foreach(w IN LISTS weights)
    list(APPEND args --weight "${w}")
  endforeach()
  _pgo_training_set_args(unused set_weights)
  list(APPEND args ${set_weights})
  set(${weights_out} "${args}" PARENT_SCOPE)
endfunction()
