# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.

#[=======================================================================[.rst:
PGO
---

Profile-guided optimization for a whole CMake C/C++ project: one configure,
one build, the training workloads being CTest tests.

Load it after the ``project()`` call that enables C or CXX::

  list(APPEND CMAKE_MODULE_PATH <toolkit>/modules)   # or find_package(PGO)
  include(PGO)

and register the training workloads::

  enable_testing()
  pgo_add_training(app-small COMMAND app --input small.txt)

Then build::

  cmake -S . -B build/pgo -G Ninja -DCMAKE_BUILD_TYPE=Release -DPGO=ON
  cmake --build build/pgo

With ``PGO=ON`` the build tree is the optimized build.  The first
``cmake --build`` configures a sibling instrumented tree under
``<build>/_pgo/instrumented`` (the first pass), builds it, runs the training
through ``pgo-helper``, merges the raw profiles into
``<build>/_pgo/profile.profdata`` (Clang) or ``<build>/_pgo/gcda/profile``
(GCC), then compiles this tree with the merged profile (the second pass) and
ends with a summary that proves the profile reached the compiler.  Two
further profile-guided stages stack on it, each trained by the same tests:
``PGO_CSPGO`` (Clang's context-sensitive second pass) and ``PGO_BOLT``
(``llvm-bolt`` on the linked files).

Every C and C++ executable, shared, static, module and object library of the
project is instrumented and optimized, subprojects and ``FetchContent``
dependencies included, unless its ``PGO_EXCLUDE`` property is true or it
runs during the build (see ``PGO_EXCLUDE`` below).  The flags go on the
targets; ``CMAKE_<LANG>_FLAGS`` stay the user's.

Supported: GCC >= 12 and Clang >= 14, the ``Ninja``, ``Unix Makefiles`` and
``Ninja Multi-Config`` generators; :command:`pgo_check_supported` asks
whether PGO works here.

Multi-configuration generators
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

With ``-G "Ninja Multi-Config" -DPGO=ON`` the tree gets a configuration
``PGO`` beside the user's (appended to ``CMAKE_CONFIGURATION_TYPES`` when
missing, taken away again with ``PGO=OFF``).  ``CMAKE_<LANG>_FLAGS_PGO`` and
the ``CMAKE_<TYPE>_LINKER_FLAGS_PGO`` default to the Release ones unless set;
imported targets without ``MAP_IMPORTED_CONFIG_PGO`` use their Release (else
RelWithDebInfo, MinSizeRel) files.  ``cmake --build <build> --config PGO``
runs the whole pipeline; the instrumented tree is a Ninja Multi-Config tree
of the one configuration ``PGO``, so that both trees compile each source to
the same object path under the same flags.  ``ctest -C PGO`` and
``cmake --install <build> --config PGO`` use the optimized files.  Every
other configuration builds as without the module: no profile flags, no
launcher, no training, no rebuild on a new profile; ``pgo-summary`` is not
part of their ``all``, and ``pgo-summary``, ``pgo-report``,
``pgo-benchmark`` and ``pgo-archive`` only say that they belong to ``PGO``.
Since ``OBJECT_DEPENDS`` takes no generator expressions in CMake 3.25, the
PGO objects force-include ``<build>/_pgo/profile-id.h``, which holds the
profile's hash; the compiler's dependency files recompile them when it
changes.  ``PGO_BOLT`` bolts the PGO configuration's files only (other
configurations link without relocations kept).  Still refused there:
``PGO=INSTRUMENT`` (the manual flow's profile would depend on the
configuration built; GCC names ``.gcda`` files after object paths, which
carry the configuration).  Visual Studio and Xcode have no compiler
launcher and no object-level dependencies, and are refused.

Cross-compiling
^^^^^^^^^^^^^^^

With a toolchain file the instrumented tree gets the same toolchain (it is
configured from a copy of the cache), and the training runs under
``CMAKE_CROSSCOMPILING_EMULATOR`` when one is set, as CTest runs any test
whose command names a target.  GCC's profiles are merged with the cross
``gcov-tool`` (``<triple>-gcov-tool-<major>``).  ``pgo-helper`` is built
for the host, whatever ``CC``, ``CFLAGS`` or ``CMAKE_TOOLCHAIN_FILE`` the
environment holds.  Without an emulator, run an instrumented tree's programs
on the target (a ``PGO=INSTRUMENT`` configure prints the ``GCOV_PREFIX`` or
``LLVM_PROFILE_FILE`` to use), merge what they wrote with ``pgo-helper
merge --input`` and build with ``PGO_PROFILE``.  A cross-compiling Clang
needs the target's profile runtime (``libclang_rt.profile``); a missing one
stops the configure.

Commands
^^^^^^^^

.. command:: pgo_add_training

  .. code-block:: cmake

    pgo_add_training(<name> COMMAND <command> [<arg>...]
                     [WORKING_DIRECTORY <dir>]
                     [DEPENDS <file>...]
                     [TIMEOUT <seconds>]
                     [WEIGHT <n>])

  Adds a CTest test ``<name>`` with the label ``pgo-training``.  Any other
  CTest test given that label is training too.  A target name as
  ``<command>`` resolves to the built file, as in :command:`add_test`.

  ``WORKING_DIRECTORY``
    Directory the command runs in (default: the current binary directory).
  ``DEPENDS``
    Input files of the workload: editing one retrains.  Programs built by
    the project need not be listed; they always retrain when rebuilt.
  ``TIMEOUT``
    The test's time limit in seconds, for an uninstrumented build.  In the
    instrumented build it is multiplied by ``PGO_INSTRUMENTED_SLOWDOWN``.
  ``WEIGHT``
    A whole number from 1 to 1000000 (default 1): the workload's counts
    count that many times in the merged profile, so that a short run of an
    important case is not drowned by a long one of another.  BOLT's
    training (``PGO_BOLT``) merges without weights.

  In an instrumented tree (``PGO=INSTRUMENT``), ``ctest -L pgo-training``
  runs the training by hand.

.. command:: pgo_check_supported

  .. code-block:: cmake

    pgo_check_supported(<result> [OUTPUT <output>])

  Checks whether PGO works here, as :command:`check_ipo_supported` does for
  LTO, so that a project can fall back instead of failing.  ``<result>`` is
  set to ``TRUE`` or ``FALSE``.

  ``OUTPUT <output>``
    Set to the reason when ``<result>`` is ``FALSE`` (the message a
    ``PGO=ON`` configure would stop with, advice included), else to an
    empty string.

  The checks are those that stop a ``PGO=ON`` configure: the generator, the
  compilers (GCC >= 12 or Clang >= 14, C and C++ of one family and major
  version), the ``llvm-profdata`` or ``gcov-tool`` of the compiler's version
  (``PGO_LLVM_PROFDATA``, ``PGO_GCOV_TOOL``), and a small program built with
  the instrumented tree's flags that must run and write a profile that tool
  reads (not run when cross-compiling without an emulator; skipped with a
  ``PGO_PROFILE``, which instruments nothing).  The compilers are those of
  the C and C++ targets defined so far, or, before any, of every enabled C
  and C++ language.  A success of the program check is cached, as in a
  ``PGO=ON`` configure, and the tool found is cached in its variable.  The
  pgo-helper is not built by the check.

  ``PGO`` is read by ``include(PGO)``, and the check does not change it:

  * With ``PGO`` ``OFF`` it answers whether ``PGO=ON`` would work here, and
    the module stays off.
  * With ``PGO`` ``ON`` or ``INSTRUMENT``, a ``FALSE`` answer means the
    project falls back: the module's setup at the end of the top-level
    directory is skipped, the tree builds without PGO (no profile flags, no
    training pipeline, no ``pgo-*`` targets), and a ``PGO: not supported
    here`` status line says so.  A ``TRUE`` answer changes nothing: the
    end of the configure checks again with every target known, and stops
    if, say, a C++ target added since needs another compiler.
  * Without a call, ``PGO=ON`` stops the configure with the same message at
    the end of the top-level ``CMakeLists.txt`` (an unsupported generator
    too, although ``include(PGO)`` finds it, so that a call after it can
    still ask).

  .. code-block:: cmake

    include(PGO)
    pgo_check_supported(pgo_ok OUTPUT pgo_why)
    if(PGO AND NOT pgo_ok)
      message(WARNING "Building without PGO: ${pgo_why}")
    endif()

Variables
^^^^^^^^^

.. variable:: PGO

  Cache variable, ``OFF`` (default), ``ON`` or ``INSTRUMENT``.

  ``OFF``
    The module changes nothing; training tests are ordinary tests.
  ``ON``
    This tree is the optimized build, made as described above.
  ``INSTRUMENT``
    This tree is the instrumented build, for running the phases by hand:
    build it, run ``ctest -L pgo-training``, merge the raw profiles written
    under ``<build>/_pgo/manual``, build an optimized tree with
    ``PGO_PROFILE``.  The target ``pgo-profile`` does the training and the
    merge in one step and writes ``<build>/_pgo/profile.profdata`` (Clang)
    or ``<build>/_pgo/gcda/profile`` (GCC).

.. variable:: PGO_PROFILE

  An existing merged profile to build with instead of training: an indexed
  ``.profdata`` file for Clang, a directory of ``.gcda`` files made by an
  instrumented tree of this module for GCC, or a ``.tar.gz`` written by the
  target ``pgo-archive`` (unpacked below ``<build>/_pgo/given``, once per
  content).  An archive may come from another machine: before anything is
  written, every member is checked, and one that is not a file or folder
  with a relative name staying below that folder (``..``, an absolute path,
  a link or a device) stops the configure, naming the archive and the
  member (docs/threat-model.md).  Used when ``PGO`` is ``ON``.  The build then says how much of today's code the
  profile still matches, per target, and warns when the profile's sidecar
  names another compiler or other optimization flags.

  A ``;``-separated list of them (the shards of a training,
  ``PGO_TRAINING_SHARD``, or trainings to add up) is merged at configure time
  into ``<build>/_pgo/given/merged.profdata`` (Clang) or
  ``<build>/_pgo/given/merged-gcda/profile`` (GCC), with weight 1 each,
  replaced only when its content changes.  The merge stops, naming what
  differs, when the sidecars name another compiler version, other
  optimization flags, other sources (a hash of the PGO targets' source files,
  by their paths below the source tree) or another revision, a shard twice or
  a missing one, or (GCC) sources at another path.  Clang names a static
  function by its source path: a Clang profile whose sidecar says it was
  made from sources at another path (another machine's checkout) is renamed
  for this one as it is brought in, alone or in a list (``pgo-helper merge
  --source-dir``, into ``<build>/_pgo/given/merged.profdata``); GCC hashes
  the source path into the profile itself, and a GCC profile made from
  another path warns at configure.

.. variable:: PGO_LTO

  Boolean, default ``ON``.  Link-time optimization with the profile, as an
  expert's PGO build has it: CMake's own IPO flags
  (``CMAKE_<LANG>_COMPILE_OPTIONS_IPO``: ``-flto=thin`` for Clang,
  ``-flto=auto -fno-fat-lto-objects`` for GCC) go on the compiles and links
  of the PGO targets in the optimized tree and the plain twin of
  ``pgo-benchmark`` (the instrumented tree compiles without them: see
  ``PGO_INSTRUMENTED_LTO``), and static libraries are archived with the compiler's ``ar``
  (``gcc-ar``, ``llvm-ar``).  A project's own choice wins: when
  ``CMAKE_INTERPROCEDURAL_OPTIMIZATION`` is defined (``ON`` or ``OFF``)
  nothing is added, and a target that sets ``INTERPROCEDURAL_OPTIMIZATION``
  (or its ``_<CONFIG>`` form) keeps it.  The flags are put on the targets
  rather than through that property, which a project whose
  ``cmake_minimum_required()`` predates CMake 3.9 would ignore.  Whether
  LTO works is checked at configure with ``check_ipo_supported()`` (a
  success is cached by compiler, version and flags); when it does not, the
  build is PGO alone and the configure says why.  The configure prints one
  ``PGO: LTO ...`` line saying what it did.  With LTO the objects hold
  bitcode or GIMPLE, so the summary reads where the profile placed each
  function from the linker's map (``-Wl,-Map``, kept in
  ``<build>/_pgo/link-maps``) and the linked files' symbols.  A static
  library the project installs (``install(TARGETS)``, recorded by an
  override of ``install()``) leaves the build, and programs elsewhere link
  it without LTO: it gets fat LTO objects (``-ffat-lto-objects``: machine
  code beside the IR) with GCC and Clang 18 and later, and no LTO with an
  older Clang (its LTO objects are bitcode, which such a link cannot read),
  each said in a ``PGO:`` line.  No end-of-configure view replaces the
  override: no property records an ``install()`` rule.  When the project or
  a module it loads has overridden ``install()`` before ``include(PGO)``, the
  module leaves it alone (a second override would call itself without end)
  and warns, naming the static libraries that get LTO objects; an override
  defined after ``include(PGO)`` hides CMake's own ``install()`` and stops
  the configure with an error.  ``OFF``: the profile alone.

.. variable:: PGO_INSTRUMENTED_LTO

  Boolean, default ``OFF``: the instrumented tree compiles without the LTO
  that ``PGO_LTO`` puts on the optimized tree, and says so in one ``PGO:``
  line.  The counters are placed in the compile, by the same passes with or
  without LTO (Clang: before the pre-link pipeline inlines; GCC: before its
  IR is streamed), so the training writes the same profile; the module case
  ``instrumented-without-lto`` builds the bundled interpreter both ways, with
  each compiler, and finds the optimized programs byte-identical.  What
  changes is the links: without LTO the instrumented programs link plainly,
  where GCC 12 (which has no incremental LTO) would otherwise link every
  program of the instrumented tree again, whole, after each edit, and Clang
  would run ThinLTO's thin link.  ``ON`` gives the instrumented tree the
  optimized tree's LTO, whose programs run the training somewhat faster: for
  a training much longer than its links.  Its objects are then bitcode,
  whose symbols do not name the counters of the static functions inlined
  away (Clang), so an object's stamp misses their records: under
  ``PGO_SUMMARY_TOLERANCE`` a change in their counts alone does not compile
  it again.  The context-sensitive pass of
  ``PGO_CSPGO`` always has LTO (ThinLTO's backend places its counters), and
  a project's own choice of LTO is kept in every tree.

.. variable:: PGO_ATOMIC_COUNTERS

  ``AUTO`` (default), ``ON`` or ``OFF``.  Atomic profile counters in the
  instrumented build (``-fprofile-update=atomic`` for Clang,
  ``-fprofile-update=prefer-atomic`` for GCC): threads that run the same
  code race on plain counters and the lost updates corrupt the profile.
  ``AUTO`` turns them on for every PGO target when one of them links
  threads (``Threads::Threads``, ``-pthread`` or ``pthread`` in its link
  closure or options) and says which, in a ``PGO: atomic profile counters``
  line.  They slow the training down somewhat, and ccache 4.7 does not
  cache the compiles that use them.

.. variable:: PGO_CSPGO

  Boolean, default ``OFF``; Clang only, with ``PGO=ON``.  Adds
  context-sensitive PGO: a second instrumented tree,
  ``<build>/_pgo/cs-instrumented``, is compiled with the first profile
  (``-fprofile-use``, so after profile-guided inlining) and
  ``-fcs-profile-generate``, trained by the same tests, and its raw profiles
  are merged with the first profile into ``<build>/_pgo/profile-cs.profdata``,
  which the optimized build reads.  Training runs twice; the summary and the
  report count the context-sensitive records.  GCC, or a ``PGO_PROFILE``,
  with ``PGO_CSPGO`` is a configure error.

.. variable:: PGO_STALE_THRESHOLD

  A percentage, empty by default.  When set, the build fails if more than
  this share of the functions compiled are out of date for the profile
  (Clang: hash mismatch; GCC: coverage mismatch), that is, if the profile
  given with ``PGO_PROFILE`` is too old for today's code.

.. variable:: PGO_COLD_POLICY

  How the optimized build treats code the training never ran, which a
  compiler given a profile optimizes for size and keeps out of line: where
  the users' load runs what the training missed, the program is then slower
  than the same build without the profile.  ``BALANCED`` (default): Clang
  inlines a call site the training never ran as an ordinary one
  (``-inline-cold-callsite-threshold`` at the optimization level's own
  threshold, 250 at ``-O3`` and 225 at ``-O2``, none at ``-Os``/``-Oz``; on
  the compiles and in the LTO link, ``-Wl,-plugin-opt=``); GCC keeps its own
  treatment.  ``CAUTIOUS``: also, Clang's ThinLTO imports what those call
  sites call (``-import-cold-multiplier=1``) and GCC optimizes code the
  training never ran as without a profile (``-fprofile-partial-training``):
  more on loads the training does not cover, a little less where it does.
  ``TRUST``: the compiler's own treatment.  What each gave on loads the
  training covers and on loads it does not is in docs/results.md.

.. variable:: PGO_BENCHMARK_COMMAND

  A benchmark command line for the target ``pgo-benchmark``, split as
  ``PGO_TRAINING_COMMAND`` is.  A first word naming an executable target
  runs that target's file in each tree.

.. variable:: PGO_BENCHMARK_COUNT_COMMAND

  A smaller benchmark command whose instructions ``valgrind`` counts, for a
  benchmark too slow to run under valgrind (default: the benchmark command
  itself).  Split and resolved as ``PGO_BENCHMARK_COMMAND``.

.. variable:: PGO_BENCHMARK_ROUNDS

  Rounds ``pgo-benchmark`` runs (default 7): each round runs the command on
  every build, the order rotated every round.  Wilcoxon's signed-rank test
  over the per-round ratios says whether the PGO build is faster, slower,
  or not different beyond what the rounds can resolve (fewer than 6 rounds
  never can).

.. variable:: PGO_VALGRIND

  The ``valgrind`` that counts the benchmark's instructions
  (``--tool=cachegrind``, every process it starts), found on the ``PATH``.
  Empty: wall time only.

.. variable:: PGO_BENCHMARK_SIMULATE

  Boolean, default ``ON``.  The valgrind run also simulates the caches
  (32 KiB 8-way L1s, an 8 MiB 16-way LL, the same on every machine) and the
  branch predictor (``--cache-sim=yes --branch-sim=yes``), and reports I1
  and LL misses, mispredicted branches and a cycle estimate,
  ``Ir + 10 L1 misses + 100 LL misses + 15 mispredicts``, which sees what
  block layout and hot/cold splitting change and instructions alone do
  not; the estimate then decides the regression.  ``OFF``: instructions
  alone, a few times faster.

.. variable:: PGO_GUARD

  Boolean, default ``OFF``; needs ``PGO_BENCHMARK_COMMAND`` (a configure
  error without it).  The default build runs ``pgo-benchmark``'s comparison
  after the summary, again whenever the benchmark's program is linked anew,
  and fails on a regression: the PGO build slower than the same build
  without the profile beyond noise, that is more than 0.5% more of the
  cycle estimate (``PGO_BENCHMARK_SIMULATE``) or of the instructions where
  ``valgrind`` counts them, else slower by the signed-rank test over the
  rounds with a median wall-time ratio below 0.97.  The failure gives the
  figures and the advice: the project built again with each other
  ``PGO_COLD_POLICY`` and the same profile (in ``_pgo/cold-<POLICY>``),
  counted on the load, and the policy, if any, that brings it within
  noise.  The optimized files stay as built.  For CI.  The simulation makes
  the comparison slower than counting instructions alone: see
  ``PGO_BENCHMARK_SIMULATE``.

.. variable:: PGO_REPRESENTATIVE

  Boolean, default ``ON``; acts when ``PGO_BENCHMARK_COMMAND`` is set and
  the profile is trained here (not ``PGO_PROFILE``).  The instrumented tree
  also runs the benchmark command once, as its CTest test ``pgo-workload``
  (labelled ``pgo-workload``, never training, whatever
  ``PGO_TRAINING_TESTS`` matches), in this tree's directory, and merges its
  profile apart: ``<build>/_pgo/workload.profdata`` or
  ``<build>/_pgo/workload-gcda/profile``.  The summary's ``representative``
  line gives the overlap of the two profiles' block counts, each scaled to
  its total (the sum over counters of the smaller share: 100% is the same
  proportions everywhere), from ``llvm-profdata overlap`` for Clang and
  from the ``.gcda`` arc counters for GCC, and names the functions the
  workload runs hot (0.5% of its counts or more) that the training ran cold
  (a tenth of that share or less) or never.  ``pgo-report`` and
  ``report.html`` list them all.  A benchmark command that fails on the
  instrumented build stops the build; the training's profile stays.

.. variable:: PGO_REPRESENTATIVE_THRESHOLD

  A percentage, default 50: below it the summary warns that the training
  is not representative of the benchmark command, naming the command and
  the functions the training missed.  ``0`` never warns.  A training that
  mixes many programs overlaps any single one of them far less than 100%
  (the bundled interpreter's five trainings overlap its benchmarks by
  45-70%), so the default warns only when the two runs spend much of their
  time in different code: cmark trained on prose and run on dense Markdown
  reads 41-44%, where the profile costs Clang 3% against LTO alone.

.. variable:: PGO_GENERALIZE_FOLDS

  A whole number from 2 to 1000, default 5.  The summary (of a training of
  at most 32 tests, or any with ``PGO_VERBOSE``) groups the training tests
  by their CTest labels when they carry two or more, else deals them
  round-robin into that many groups (test ``i`` to group ``i mod k``, as
  shards are), and prints how far each group's counts overlap the other
  groups' summed, their mean as ``generalizes``: a training whose every
  part the rest predicts.  Fewer tests than groups: one group per test.

.. variable:: PGO_GENERALIZE_THRESHOLD

  A percentage, default 80.  The summary names the groups of
  ``PGO_GENERALIZE_FOLDS`` whose overlap with the others is below it, with
  their tests: the parts of the training the rest does not predict.  ``0``
  names none.

.. variable:: PGO_TRAINING_CHOICE_GOAL

  A percentage, default 99; with ``PGO_VERBOSE``.  The summary's cheapest
  set is the set of training tests of least run time whose counts reach
  this share of the whole training's coverage: the overlap of the set's
  counts with the whole training's on its hot counters (the fewest holding
  99% of its counts), scaled so the whole training scores 100%.  With at
  most 14 tests every subset is checked; with more a greedy search (the
  test of most coverage per second, then each test dropped again when the
  rest reach the goal), which may miss a cheaper set.  With
  ``PGO_BENCHMARK_COMMAND`` the summary also prints the cheapest set
  against the benchmark's profile (``for the load``) and weights that raise
  the training's overlap with it, each test keeping at least half its
  share.  Each comes with the ``PGO_TRAINING_SET`` value that applies it.

.. variable:: PGO_TEST_PROFILES_LIMIT

  Megabytes, default 256.  The training keeps each test's own profile (its
  folder of raw profiles, ``_pgo/raw/tNNNN`` of the instrumented tree) for
  ``summary -v`` and the report; after each merge they may take this much
  or ten times the merged profile, whichever is larger.  Past it the merge
  removes the largest and names them in ``_pgo/raw/not-kept``; the summary
  and the report leave them out.  ``pgo-archive`` never holds them.

.. variable:: PGO_VERBOSE

  Boolean, default ``OFF``: the helper prints the commands it runs, the
  instrumented build runs verbose, the summary lists every object and the
  compiler's profile warnings reach the terminal unfiltered.

.. variable:: PGO_TRAINING_ALLOW_FAILURES

  Boolean, default ``OFF``: a failing training test stops the build with its
  output.  ``ON`` trains with the tests that pass and warns about the rest.

.. variable:: PGO_TRAINING_COMMAND

  A training command line for a project that cannot be edited, run in the
  build tree as the test ``pgo-training-command``.  It is split as a Unix
  shell would split it (no pipes or redirections: wrap those in ``sh -c``);
  a first word that names an executable target runs that target's file.

.. variable:: PGO_TRAINING_COMMAND_<name>

  More training command lines, each its own test
  ``pgo-training-command-<name>``, split and run as ``PGO_TRAINING_COMMAND``
  (``<name>``: letters, digits, ``_``, ``.`` and ``-``; an empty value adds
  no test).  Several tests train side by side, the summary's table says what
  each adds, ``PGO_TRAINING_SET`` can choose and weigh them, and
  ``PGO_TRAINING_REUSE`` reruns only those an edit touched, where one
  command holding every run would run whole after every edit::

    -DPGO_TRAINING_COMMAND_small="app --level 1 small.dat"
    -DPGO_TRAINING_COMMAND_large="app --level 9 large.dat"

.. variable:: PGO_TRAINING_TESTS

  A regular expression (``ctest -R``): the project's own CTest tests whose
  names match are training too.  It only adds tests; ``PGO_TRAINING_SET``
  names the whole training instead.

  With these two, a project needs no edit at all::

    cmake -S <project> -B build -DCMAKE_BUILD_TYPE=Release -DPGO=ON \
      -DCMAKE_PROJECT_INCLUDE=<toolkit>/modules/PGO.cmake \
      -DPGO_TRAINING_COMMAND="<program> <args>"

  ``CMAKE_PROJECT_INCLUDE`` runs the module after every ``project()`` call;
  its include guard makes the first one count.

.. variable:: PGO_TRAINING_SET

  A list of ``<test>`` and ``<test>=<weight>`` entries, empty by default.
  Given, it replaces the training: exactly the CTest tests it names train,
  labelled or not (the project's own tests too), and no other; a weight
  from 0 to 1000000 makes a test's counts count that many times in the
  merged profile (a test without one weighs 1, ``0`` leaves it out, and the
  set's weight wins over ``pgo_add_training(WEIGHT)``).  A name that is no
  test stops the training with an error naming it; a set that weighs every
  test 0, a duplicate, a weight that is no whole number, or
  ``PGO_TRAINING_TESTS`` beside it stop the configure.  The summary's
  cheapest set and weights (``PGO_TRAINING_CHOICE_GOAL``) print the value
  to give.  BOLT's training runs the same tests, unweighted.

.. variable:: PGO_TRAINING_SHARD

  ``<k>/<n>``, empty by default; ``PGO=INSTRUMENT`` only (a configure error
  with ``PGO=ON``).  The target ``pgo-profile`` trains with the ``k``-th of
  ``n`` shards of the training, so that ``n`` CI jobs share it: the training
  tests (labelled ``pgo-training``, or matched by ``PGO_TRAINING_TESTS``) in
  ``ctest -N`` order, numbered from 1, test ``i`` going to shard
  ``(i - 1) mod n + 1``.  More shards than tests is an error.  The sidecar
  records the shard, and ``pgo-archive`` writes
  ``pgo-profile-shard-<k>-of-<n>-<date>-<time>.tar.gz``; an optimized tree
  merges the archives given as a ``PGO_PROFILE`` list.  Weights apply within
  each shard, so shards merge with weight 1.

.. variable:: PGO_TRAINING_REUSE

  Boolean, default ``OFF``; a development setting.  After an edit, the
  training runs again only the tests that ran code of an instrumented object
  that changed; the other tests keep the counts of their last run, and the
  merge reads them as before.  A test is known by what it ran: with Clang
  the functions with a count, with GCC the objects with a count.  A change
  of the tests' definitions, of the training's options or of a
  ``pgo_add_training(DEPENDS)`` input, an object that appears or goes away,
  and an interrupted training run every test.  For a training that always
  gives the same counts the profile is the one a full training gives; an
  edit that changes what a test does without running changed code (a
  global's initial value read by another object's code) is not seen, hence
  ``OFF`` by default.  The summary's ``earlier counts`` line says how many
  tests ran.

.. variable:: PGO_TRAINING_TARGETS

  A list of targets, empty by default (every target); a development
  setting.  The targets the training tests run, separated by spaces or
  ``;``.  The instrumented tree links only these, and what they link,
  before it trains: after an edit, the programs no test runs do not link
  again there (their objects still compile, for the optimized tree's
  stamps; the optimized tree builds every target).  Ninja generators only:
  with Makefiles, which cannot wait for another target's objects alone, the
  setting is checked and the instrumented tree builds every target.  Before each
  training the helper removes the instrumented programs and modules the
  setting leaves out, which an earlier build may have made from older
  sources: a test that runs one fails, and the helper names the target to
  add.  A name that is no target of the project stops the configure.

.. variable:: PGO_SUMMARY_TOLERANCE

  A percentage, empty by default (the exact rule); a development setting.
  Every object compiled with the profile reads the program's summary as
  well as its own records: with Clang every module carries the profile's
  summary (its largest counts and the thresholds of hot and cold), and
  ThinLTO links only modules with the same summary; with GCC every
  ``.gcda`` file of a program carries the program's runs and the sum of
  each run's largest count, from which GCC draws its hot threshold.  So an
  edit that moves the hottest counts compiles every object again.  With a
  tolerance, a merge whose summary moved by at most that share (each
  figure, relatively; with GCC, the runs the same) from the last profile's
  keeps the last summary: only the objects whose own records changed
  compile again.  The summary's ``earlier counts`` line says how far the
  summary had moved.  The programs then differ from a build from scratch;
  the module cases ``summary-tolerance`` (Clang) and
  ``summary-tolerance-gcc`` check that the difference stays within 0.1% of
  the instructions run.

.. variable:: PGO_TRAINING_JOBS

  How many training tests run at once; ``0`` (default) uses every core.

.. variable:: PGO_TRAINING_TIMEOUT

  Time limit in seconds for a training test that sets none (default 1500),
  before ``PGO_INSTRUMENTED_SLOWDOWN`` is applied.

.. variable:: PGO_INSTRUMENTED_SLOWDOWN

  Factor by which time limits grow in the instrumented build (default 3):
  instrumented code runs slower than the optimized build.

.. variable:: PGO_LLVM_PROFDATA

  The ``llvm-profdata`` that merges Clang profiles.  Found from the compiler
  (``clang -print-prog-name=llvm-profdata``, then ``llvm-profdata-<major>``);
  its major version must be the compiler's.

.. variable:: PGO_GCOV_TOOL

  The ``gcov-tool`` that merges GCC profiles (``gcov-tool-<major>`` first);
  its major version must be the compiler's.

.. variable:: PGO_BOLT

  Boolean, default ``OFF``.  ``ON`` (with ``PGO=ON``; Clang or GCC, on
  Linux x86-64 or AArch64) adds a post-link stage: the executables and
  shared and module libraries that take part are linked with
  ``-Wl,--emit-relocs``; after they are linked, the target ``pgo-bolt``
  instruments them with ``llvm-bolt``, runs the training tests of this tree
  (the same tests, ``PGO_TRAINING_*`` settings and time limits as the
  instrumented build), merges the profiles with ``merge-fdata`` and writes
  the files ``llvm-bolt`` optimized in their places
  (``-reorder-blocks=ext-tsp -reorder-functions=cdsort -split-functions``).
  ``ctest`` and ``cmake --install`` then use the bolted files.  The linked
  files are kept in ``<build>/_pgo/bolt``; only files linked anew, or all
  of them when the training changed, are bolted again.  A function
  ``llvm-bolt`` cannot rewrite (a computed-goto loop) is skipped and named;
  a file it still cannot handle stays as linked, with a warning.  The
  report shows what ``llvm-bolt`` did per file.

.. variable:: PGO_LLVM_BOLT

  The ``llvm-bolt`` of ``PGO_BOLT``.  Found as
  ``/usr/lib/llvm-<N>/bin/llvm-bolt`` (the compiler's ``N`` first for
  Clang, then the newest), ``llvm-bolt-<N>`` or ``llvm-bolt`` (Debian:
  ``apt-get install bolt-<N>``, with the Clang's ``N``), and run from its
  installed place, where it finds its instrumentation runtime (``../lib/libbolt_rt_instr.a``, checked
  at configure).

.. variable:: PGO_MERGE_FDATA

  The ``merge-fdata`` of ``PGO_BOLT`` (beside ``llvm-bolt`` first).

.. variable:: PGO_HELPER

  A prebuilt ``pgo-helper`` to use.  Empty (default): the helper is built
  from its sources at configure time, with the host's C compiler, and kept
  in the per-user cache (``PGO_HELPER_CACHE``).

.. variable:: PGO_HELPER_CACHE

  Boolean, default ``ON``: the helper built from source is kept in
  ``$XDG_CACHE_HOME/pgo-toolkit`` (``~/.cache/pgo-toolkit`` without it),
  keyed by the hash of its sources, of the host C compiler and of the host,
  and later build trees copy it from there instead of building it (about 5 s
  of every fresh configure).  Each use checks the entry's recorded SHA-256;
  a damaged entry is built again.  A cache that cannot be written only costs
  the build.  ``OFF``: build the helper in every tree, as before.

.. variable:: PGO_DETECT_HOST_TOOLS

  Boolean, default ``ON``: the executables that run during the build are
  left out of PGO (see ``PGO_EXCLUDE``).  ``OFF`` leaves CMake's commands
  alone; only ``PGO_EXCLUDE`` then keeps a target out.

Target properties
^^^^^^^^^^^^^^^^^

``PGO_EXCLUDE``
  Set to true on a target to build it without instrumentation and without
  the profile.

  An executable of the project that runs during the build is left out by
  itself, with a ``PGO: <target> runs during the build: built without PGO``
  status line: one named as the first word after ``COMMAND`` (or as the
  command of ``add_custom_target(<name> [ALL] <command>)``), or referenced as
  ``$<TARGET_FILE:<target>>`` (or ``TARGET_FILE_DIR`` and the like) in a
  command's words, of :command:`add_custom_command` (``OUTPUT``, and
  ``PRE_BUILD``, ``PRE_LINK``, ``POST_BUILD`` steps) or of
  :command:`add_custom_target`.  Not counted: a reference in a command that
  only handles the file (``cmake -E copy``, ``objcopy``, ``strip``...), the
  target's own file in a step of that target, and custom targets outside
  the default build that no other target depends on (a ``run`` or ``bench``
  target).  Set ``PGO_EXCLUDE`` to false on a target to keep it in PGO even
  so.

  The module sees those commands by overriding ``add_custom_command()`` and
  ``add_custom_target()`` when ``PGO`` is ``ON`` or ``INSTRUMENT``; each call
  goes on to CMake's own command unchanged.  It cannot see calls made before
  ``include(PGO)``, nor a program run through a script or a path instead of
  its target name: set ``PGO_EXCLUDE`` on those.  When the project or another
  module has overridden either command before ``include(PGO)``, the module
  leaves them alone, warns, and finds nothing; an override defined after
  ``include(PGO)`` hides CMake's own command and stops the configure with an
  error.

Targets
^^^^^^^

``pgo-profile`` (``ON`` and ``INSTRUMENT``)
  Brings the merged profile up to date: builds the instrumented tree, runs
  the training and merges, each only when its inputs changed.
``pgo-summary`` (``ON``, part of ``all``)
  Prints what the profile did and fails when it reached no compiler.
``pgo-clean`` (``ON`` and ``INSTRUMENT``)
  Drops the instrumented tree, the raw and the merged profiles.
``pgo-report`` (``ON``)
  Prints what the profile did: functions and files that ran during training
  and those that never did, the hottest functions, how much of the profile
  matches today's code, the compiler's profile warnings by file.  The build
  writes the same as a self-contained page, ``<build>/_pgo/report.html``,
  after the summary.
``pgo-benchmark`` (``ON``, with ``PGO_BENCHMARK_COMMAND``)
  Builds the twin of the project without the profile in
  ``<build>/_pgo/plain`` (``PGO=OFF``, the same cache and the same LTO
  otherwise) and, when ``PGO_LTO`` turned LTO on, plain Release in
  ``<build>/_pgo/release``; runs the benchmark on every build in turn and
  reports the median times, the median ratio with its range and quartiles,
  the peak memory of each build (maximum resident set), the instructions
  ``valgrind`` counts and the sizes of the linked files (text and file),
  also in the report.  Exits non-zero on a regression (see ``PGO_GUARD``).
``pgo-guard`` (``ON`` with ``PGO_GUARD``, part of ``all``)
  The comparison of ``pgo-benchmark`` in the default build.
``pgo-bolt`` (``ON`` with ``PGO_BOLT``, part of ``all``)
  Bolts the linked files after the link and before ``pgo-summary``; does
  nothing when no file was linked again and the training is the same.
``pgo-archive`` (``ON`` and ``INSTRUMENT``)
  Writes ``<build>/pgo-profile-<date>-<time>.tar.gz`` (a shard's:
  ``pgo-profile-shard-<k>-of-<n>-...``): the merged profile and its sidecar,
  which ``PGO_PROFILE`` takes as it is, alone or in a list.

The merged profile has a sidecar, ``<profile>.meta`` (Clang) or
``<profile>/profile.meta`` (GCC): ``key=value`` lines naming the compiler
and its version, the profile format, a hash of the optimization flags, the
training workloads, the source revision (when the sources are a git
checkout), a hash of the sources, the shard (``PGO_TRAINING_SHARD``) and the
date.

Example
^^^^^^^

.. code-block:: cmake

  cmake_minimum_required(VERSION 3.25)
  project(app C)
  list(APPEND CMAKE_MODULE_PATH ${CMAKE_CURRENT_SOURCE_DIR}/cmake/pgo/modules)
  include(PGO)
  add_executable(app main.c)
  enable_testing()
  pgo_add_training(app-small COMMAND app --input ${CMAKE_CURRENT_SOURCE_DIR}/small.txt)
  set_property(TARGET gen_tables PROPERTY PGO_EXCLUDE TRUE)
#]=======================================================================]

include_guard(GLOBAL)
cmake_policy(PUSH)
cmake_policy(VERSION 3.25...3.31)

include("${CMAKE_CURRENT_LIST_DIR}/PGO/Settings.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGO/Unsupported.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGO/Toolchain.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGO/InstrumentCheck.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGO/Helper.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGO/Targets.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGO/Sidecar.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGO/InitialCache.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGO/Training.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGO/TrainingTargets.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGO/TrainingSet.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGO/Pipeline.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGO/Stamps.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGO/Given.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGO/Report.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGO/Benchmark.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGO/ColdCode.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGO/Representative.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGO/Bolt.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGO/Lto.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGO/Threads.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGO/MultiConfig.cmake")

set(PGO OFF CACHE STRING "Profile-guided optimization: OFF, ON (this tree is the optimized build) or INSTRUMENT (this tree is the instrumented build)")
set_property(CACHE PGO PROPERTY STRINGS OFF ON INSTRUMENT)
set(PGO_PROFILE "" CACHE FILEPATH "Existing merged profile to build with instead of training (Clang: .profdata file; GCC: directory of .gcda files)")
option(PGO_VERBOSE "Verbose PGO: helper commands, verbose instrumented build, unfiltered profile warnings" OFF)
option(PGO_CSPGO "Clang: a second, context-sensitive instrumented pass over the first profile (CSPGO)" OFF)
option(PGO_TRAINING_ALLOW_FAILURES "Train with the passing tests when a training test fails, instead of stopping" OFF)
option(PGO_TRAINING_REUSE "Development setting: after an edit, rerun only the training tests that ran changed code" OFF)
set(PGO_SUMMARY_TOLERANCE "" CACHE STRING "Development setting: keep the profile's summary while it moves less than this percentage (empty: exact)")
set(PGO_TRAINING_JOBS 0 CACHE STRING "Training tests run at once (0: one per core)")
set(PGO_TRAINING_TIMEOUT 1500 CACHE STRING "Time limit in seconds of a training test that sets none")
set(PGO_INSTRUMENTED_SLOWDOWN 3 CACHE STRING "Factor applied to training time limits in the instrumented build")
set(PGO_TRAINING_COMMAND "" CACHE STRING "A training command line run in the build tree (its first word may be a target name)")
set(PGO_TRAINING_TESTS "" CACHE STRING "Regular expression: the project's CTest tests whose names match are training too")
set(PGO_TRAINING_SET "" CACHE STRING "The training tests, replacing the labelled ones: a list of <test> or <test>=<weight> (empty: every training test)")
set(PGO_TRAINING_TARGETS "" CACHE STRING "Development setting: the targets the training runs; the instrumented tree builds only these (and what they link) before training (empty: every target)")
set(PGO_TRAINING_SHARD "" CACHE STRING "K/N: with PGO=INSTRUMENT, pgo-profile trains with the K-th of N shards of the training tests (empty: all)")
set(PGO_GENERALIZE_FOLDS 5 CACHE STRING "The groups the summary deals the training tests into to say whether the training generalizes")
set(PGO_GENERALIZE_THRESHOLD 80 CACHE STRING "The summary names the groups of training tests the others predict less than this percentage")
set(PGO_TEST_PROFILES_LIMIT 256 CACHE STRING "Megabytes the training tests' own profiles may keep (or 10 times the merged profile, whichever is larger)")
set(PGO_TRAINING_CHOICE_GOAL 99 CACHE STRING "With PGO_VERBOSE: the summary's cheapest set of training tests reaches this percentage of the whole training's coverage")
mark_as_advanced(PGO_TRAINING_JOBS PGO_TRAINING_TIMEOUT PGO_INSTRUMENTED_SLOWDOWN PGO_GENERALIZE_FOLDS
  PGO_GENERALIZE_THRESHOLD PGO_TRAINING_CHOICE_GOAL PGO_TEST_PROFILES_LIMIT)

_pgo_check_settings()

_pgo_normalize_mode(_PGO_MODE)
set_property(GLOBAL PROPERTY _PGO_MODE "${_PGO_MODE}")
_pgo_check_shard("${_PGO_MODE}")

if(NOT _PGO_MODE STREQUAL "OFF")
  # An unsupported generator leaves the module off; the configure stops at its end with the
  # reason unless the project asked first (pgo_check_supported).
  set_property(GLOBAL PROPERTY _PGO_ASKING TRUE)
  _pgo_check_generator()
  set_property(GLOBAL PROPERTY _PGO_ASKING FALSE)
  get_property(_PGO_GENERATOR_REASON GLOBAL PROPERTY _PGO_UNSUPPORTED)
  if(NOT "${_PGO_GENERATOR_REASON}" STREQUAL "")
    set_property(GLOBAL PROPERTY _PGO_GENERATOR_REASON "${_PGO_GENERATOR_REASON}")
    set(_PGO_MODE OFF)
    set_property(GLOBAL PROPERTY _PGO_MODE OFF)
    cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL _pgo_finalize_unsupported)
  endif()
  unset(_PGO_GENERATOR_REASON)
endif()
if(NOT _PGO_MODE STREQUAL "OFF")
  _pgo_get_helper(_PGO_HELPER_EXE)
  set_property(GLOBAL PROPERTY _PGO_HELPER "${_PGO_HELPER_EXE}")
  if(_PGO_MODE STREQUAL "ON")
    _pgo_bolt_install_always()
  endif()
  _pgo_lto_decide()
  # Targets are all known only when the top-level directory is done.
  cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL _pgo_finalize)
  _pgo_training_command_names(_PGO_COMMAND_NAMES)
  if(NOT PGO_TRAINING_COMMAND STREQUAL "" OR _PGO_COMMAND_NAMES
     OR NOT "${_PGO_WORKLOAD_COMMAND}" STREQUAL "")
    # The commands' tests (or the benchmark command's, Representative.cmake) need testing on in the top-level directory, where
    # ctest looks, even in a project that never enables it.  enable_testing()
    # sets a variable of the scope it runs in, so it must run in the
    # directory's own scope, not in a function such as _pgo_finalize.
    cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL enable_testing)
  endif()
endif()
if(_PGO_MODE STREQUAL "OFF" AND _PGO_TWIN)
  # The plain twin of pgo-benchmark: the PGO build's LTO, without a profile.
  _pgo_lto_decide()
  cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL _pgo_finalize_twin)
endif()
# Ninja Multi-Config: the configuration PGO (MultiConfig.cmake).
_pgo_multiconfig_init()
unset(_PGO_MODE)
unset(_PGO_HELPER_EXE)

# Public: see the documentation above.
function(pgo_add_training name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "WORKING_DIRECTORY;TIMEOUT;WEIGHT" "COMMAND;DEPENDS")
  # The name first: without it, the command's words would be "unsupported arguments".
  if(name STREQUAL "" OR name MATCHES "^(COMMAND|WORKING_DIRECTORY|DEPENDS|TIMEOUT|WEIGHT)$")
    message(FATAL_ERROR "pgo_add_training(): the first argument must be the test name, "
      "as in pgo_add_training(app-small COMMAND app --input small.txt)")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    list(JOIN arg_UNPARSED_ARGUMENTS " " unsupported)
    message(FATAL_ERROR "pgo_add_training(): Unsupported arguments: ${unsupported}")
  endif()
  if(NOT arg_COMMAND)
    message(FATAL_ERROR "No COMMAND given to pgo_add_training(${name})")
  endif()
  # A keyword without its value, or with an empty one, would otherwise be dropped without a
  # word (CMake 3.25 reports neither "WORKING_DIRECTORY" last nor "WORKING_DIRECTORY ''").
  math(EXPR last "${ARGC} - 1")
  foreach(i RANGE 1 ${last})
    if("${ARGV${i}}" MATCHES "^(WORKING_DIRECTORY|TIMEOUT|WEIGHT)$")
      math(EXPR next "${i} + 1")
      if(next GREATER last OR "${ARGV${next}}" STREQUAL "")
        message(FATAL_ERROR "pgo_add_training(${name}): ${ARGV${i}} needs a value")
      endif()
    endif()
  endforeach()
  if(DEFINED arg_TIMEOUT AND NOT arg_TIMEOUT MATCHES "^[1-9][0-9]*$")
    message(FATAL_ERROR "pgo_add_training(${name}): TIMEOUT must be a whole number of seconds, got '${arg_TIMEOUT}'")
  endif()
  string(LENGTH "${arg_TIMEOUT}" digits)
  if(digits GREATER 8 OR arg_TIMEOUT GREATER 31536000)
    message(FATAL_ERROR "pgo_add_training(${name}): TIMEOUT must be at most 31536000 seconds (a year), got '${arg_TIMEOUT}'")
  endif()
  if(DEFINED arg_WEIGHT AND (NOT arg_WEIGHT MATCHES "^[1-9][0-9]?[0-9]?[0-9]?[0-9]?[0-9]?[0-9]?$"
      OR arg_WEIGHT GREATER 1000000))
    message(FATAL_ERROR "pgo_add_training(${name}): WEIGHT must be a whole number from 1 to 1000000, got '${arg_WEIGHT}'")
  endif()
  set(wd "${CMAKE_CURRENT_BINARY_DIR}")
  if(DEFINED arg_WORKING_DIRECTORY)
    set(wd "${arg_WORKING_DIRECTORY}")
  endif()
  add_test(NAME "${name}" COMMAND ${arg_COMMAND} WORKING_DIRECTORY "${wd}")
  set_property(TEST "${name}" APPEND PROPERTY LABELS pgo-training)
  if(DEFINED arg_TIMEOUT)
    get_property(mode GLOBAL PROPERTY _PGO_MODE)
    set(timeout ${arg_TIMEOUT})
    if(mode STREQUAL "INSTRUMENT")
      math(EXPR timeout "${arg_TIMEOUT} * ${PGO_INSTRUMENTED_SLOWDOWN}")
    endif()
    set_property(TEST "${name}" PROPERTY TIMEOUT ${timeout})
  endif()
  # The manifest of the training lets a changed command line or input retrain.
  set(deps "")
  foreach(dep IN LISTS arg_DEPENDS)
    cmake_path(ABSOLUTE_PATH dep BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
    list(APPEND deps "${dep}")
    if(NOT EXISTS "${dep}")
      # Checked at the end, when the rules that may generate it are known.
      set_property(GLOBAL APPEND PROPERTY _PGO_TRAINING_MISSING "${name}" "${dep}")
    endif()
  endforeach()
  string(REPLACE ";" " " cmdline "${arg_COMMAND}")
  set(weight "")
  if(DEFINED arg_WEIGHT AND NOT arg_WEIGHT EQUAL 1)
    set(weight ", weight ${arg_WEIGHT}")
    set_property(GLOBAL APPEND PROPERTY _PGO_TRAINING_WEIGHTS "${arg_WEIGHT}:${name}")
  endif()
  set_property(GLOBAL APPEND PROPERTY _PGO_TRAINING_MANIFEST "${name}: ${cmdline} (in ${wd}${weight})")
  set_property(GLOBAL APPEND PROPERTY _PGO_TRAINING_DEPENDS ${deps})
endfunction()

# Called by _pgo_finalize: every DEPENDS file of pgo_add_training() that did not exist when
# it was given must be generated by a rule of the project, or the build would stop with
# Ninja's "missing and no known rule to make it".
function(_pgo_check_training_inputs)
  get_property(missing GLOBAL PROPERTY _PGO_TRAINING_MISSING)
  while(missing)
    list(POP_FRONT missing name dep)
    get_source_file_property(generated "${dep}" DIRECTORY "${CMAKE_SOURCE_DIR}" GENERATED)
    if(NOT EXISTS "${dep}" AND NOT generated)
      message(FATAL_ERROR "pgo_add_training(${name}): DEPENDS file '${dep}' does not exist and "
        "no rule of the project generates it. Give the path of an input file (relative paths "
        "are taken from the current source directory).")
    endif()
  endwhile()
endfunction()

# Public: see the documentation above.
function(pgo_check_supported result)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "OUTPUT" "")
  if(result STREQUAL "" OR result STREQUAL "OUTPUT")
    message(FATAL_ERROR "pgo_check_supported(): the first argument must be the result variable, "
      "as in pgo_check_supported(pgo_ok OUTPUT pgo_why)")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    list(JOIN arg_UNPARSED_ARGUMENTS " " unsupported)
    message(FATAL_ERROR "pgo_check_supported(): Unsupported arguments: ${unsupported}")
  endif()
  if("OUTPUT" IN_LIST arg_KEYWORDS_MISSING_VALUES)
    message(FATAL_ERROR "pgo_check_supported(): OUTPUT needs a variable name")
  endif()
  get_property(mode GLOBAL PROPERTY _PGO_MODE)
  # The generator was checked by include(PGO), which turned the module off for it.
  get_property(reason GLOBAL PROPERTY _PGO_GENERATOR_REASON)
  if("${reason}" STREQUAL "")
    # The checks of a PGO=ON configure (_pgo_finalize's, and the profile tool of
    # _pgo_setup_optimized), each saying why instead of stopping.
    set_property(GLOBAL PROPERTY _PGO_UNSUPPORTED "")
    set_property(GLOBAL PROPERTY _PGO_ASKING TRUE)
    _pgo_check_generator()
    _pgo_collect_targets(targets "${CMAKE_SOURCE_DIR}")
    _pgo_compiled_languages(langs "${targets}")
    if(NOT langs)
      get_property(enabled GLOBAL PROPERTY ENABLED_LANGUAGES)
      foreach(lang IN ITEMS C CXX)
        if(lang IN_LIST enabled)
          list(APPEND langs ${lang})
        endif()
      endforeach()
    endif()
    get_property(reason GLOBAL PROPERTY _PGO_UNSUPPORTED)
    if("${reason}" STREQUAL "")
      _pgo_check_toolchain("${langs}")
      get_property(reason GLOBAL PROPERTY _PGO_UNSUPPORTED)
    endif()
    if("${reason}" STREQUAL "")
      _pgo_find_profile_tool(tool)
      get_property(reason GLOBAL PROPERTY _PGO_UNSUPPORTED)
    endif()
    if("${reason}" STREQUAL "")
      _pgo_check_instrumentation("${langs}")
      get_property(reason GLOBAL PROPERTY _PGO_UNSUPPORTED)
    endif()
    set_property(GLOBAL PROPERTY _PGO_ASKING FALSE)
  endif()
  if("${reason}" STREQUAL "")
    set(${result} TRUE PARENT_SCOPE)
  else()
    set(${result} FALSE PARENT_SCOPE)
    get_property(generator_reason GLOBAL PROPERTY _PGO_GENERATOR_REASON)
    if(NOT mode STREQUAL "OFF" OR NOT "${generator_reason}" STREQUAL "")
      # The project asked: it falls back, and the module stays out of this configure.
      set_property(GLOBAL PROPERTY _PGO_DECLINED TRUE)
      message(STATUS "PGO: not supported here (pgo_check_supported): this tree builds without PGO")
    endif()
  endif()
  if(DEFINED arg_OUTPUT)
    set(${arg_OUTPUT} "${reason}" PARENT_SCOPE)
  endif()
endfunction()

# Called at the end of the top-level CMakeLists.txt when include(PGO) found the
# generator unsupported: stops the configure with the reason, unless the project
# asked (pgo_check_supported) and so falls back.
function(_pgo_finalize_unsupported)
  get_property(declined GLOBAL PROPERTY _PGO_DECLINED)
  if(NOT declined)
    get_property(reason GLOBAL PROPERTY _PGO_GENERATOR_REASON)
    message(FATAL_ERROR "${reason}")
  endif()
endfunction()

# Called once, deferred to the end of the top-level CMakeLists.txt.
function(_pgo_finalize)
  get_property(declined GLOBAL PROPERTY _PGO_DECLINED)
  if(declined)
    return()   # pgo_check_supported() said no, and the project builds without PGO
  endif()
  # The compilers that count are known only now, with every target.
  _pgo_collect_targets(targets "${CMAKE_SOURCE_DIR}")
  _pgo_host_exclude("${targets}")
  _pgo_compiled_languages(langs "${targets}")
  _pgo_check_toolchain("${langs}")
  _pgo_check_instrumentation("${langs}")
  get_property(mode GLOBAL PROPERTY _PGO_MODE)
  if(mode STREQUAL "INSTRUMENT" AND NOT _PGO_CS_BASE AND NOT PGO_INSTRUMENTED_LTO)
    _pgo_instrumented_lto()
  elseif(mode STREQUAL "INSTRUMENT" AND NOT _PGO_CS_BASE)
    _pgo_setup_lto("${targets}" "${langs}")
  else()
    # The compiles that read a profile: the optimized tree's, and the context-sensitive pass's.
    _pgo_setup_lto("${targets}" "${langs}" READS_PROFILE)
  endif()
  _pgo_check_training_inputs()
  _pgo_training_target_names(ignored)   # names checked in every tree
  _pgo_add_command_training()
  _pgo_multiconfig_finalize()
  if(mode STREQUAL "INSTRUMENT")
    _pgo_setup_instrumented("${targets}")
  else()
    _pgo_setup_optimized("${targets}")
    _pgo_setup_bolt("${targets}")
  endif()
endfunction()

# Called instead of _pgo_finalize in the plain twin of pgo-benchmark.
function(_pgo_finalize_twin)
  _pgo_collect_targets(targets "${CMAKE_SOURCE_DIR}")
  _pgo_host_exclude("${targets}")
  _pgo_compiled_languages(langs "${targets}")
  _pgo_setup_lto("${targets}" "${langs}")
endfunction()

cmake_policy(POP)

# After the POP on purpose: the overrides of add_custom_command() and
# add_custom_target() defined there pass the project's calls on under the
# project's policies.
include("${CMAKE_CURRENT_LIST_DIR}/PGO/HostTools.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/PGO/Installed.cmake")
