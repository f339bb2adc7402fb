extern "C" int part() { return 0; }
