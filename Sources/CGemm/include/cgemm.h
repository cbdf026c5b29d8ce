#ifndef CGEMM_H
#define CGEMM_H

/// 1 when this CPU and OS run the AVX-512 kernel (AVX-512F, FMA, ZMM state enabled by the OS), else 0.
int cgemm_available(void);

/// Row-major single-threaded C[m×n] = alpha · op(A) · op(B) + beta · C.
/// op(A) is m×k: A is stored m×k (row stride lda) or, when transA, k×m; op(B) is k×n: B is stored k×n
/// (row stride ldb) or, when transB, n×k. beta == 0 ignores C's old contents (NaN included).
/// Needs cgemm_available(); m, n, k ≥ 1. The result depends only on the arguments (no threads, no
/// run-time tuning), so repeated calls give identical bits.
void cgemm_sgemm(int transA, int transB, long m, long n, long k, float alpha,
                 const float *a, long lda, const float *b, long ldb, float beta, float *c, long ldc);

#endif
