typedef long (*op_fn)(long, long);
extern const op_fn op_table[8];
long ops_run_local(const unsigned char *kinds, long n);
