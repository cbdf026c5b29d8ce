// AVX-512 sgemm for the engine's shapes (rows in the thousands, 32–512 columns, inner sizes 8–4096).
// Blocking: the inner dimension in chunks of at most KC, the columns in chunks of at most NC; per chunk
// B is packed into 32-column panels (KC × 32, zero-padded) that stay in L2; a full 8-row block of an
// untransposed A is read in place, any other block packed into an 8 × KC micro-panel (L1); an 8 × 32 register
// kernel (16 zmm accumulators) updates C with masked stores at the edges. Packing or not, every entry is the
// same sequence of FMAs over p, so the result does not depend on which path a block took.
#include "cgemm.h"

#include <stdlib.h>

#if !defined(__x86_64__)
int cgemm_available(void) { return 0; }
void cgemm_sgemm(int transA, int transB, long m, long n, long k, float alpha,
                 const float *a, long lda, const float *b, long ldb, float beta, float *c, long ldc) { abort(); }
#else
#include <cpuid.h>
#include <immintrin.h>
#include <string.h>

enum { MR = 8, NR = 32, KC_MAX = 384, PACKED_B_FLOATS = 131072 /* 512 KiB: half of L2 */ };

int cgemm_available(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    if (!((c >> 27) & 1) || !((c >> 12) & 1)) return 0;  // OSXSAVE, FMA
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 0xE6) != 0xE6) return 0;  // XMM, YMM, opmask, ZMM_Hi256, Hi16_ZMM state saved by the OS
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b >> 16) & 1;  // AVX-512F
}

// Per-thread packing buffers (64-byte aligned), grown on demand and kept for the thread's lifetime.
static _Thread_local float *packed_a, *packed_b;
static _Thread_local size_t packed_a_floats, packed_b_floats;

static float *reserve(float **buffer, size_t *capacity, size_t floats) {
    if (floats > *capacity) {
        free(*buffer);
        void *p = NULL;
        if (posix_memalign(&p, 64, floats * sizeof(float)) != 0) abort();
        *buffer = p;
        *capacity = floats;
    }
    return *buffer;
}

// B's rows k0..k0+kc, columns j0..j0+nc → ceil(nc/32) panels, each kc × 32 (row p of a panel holds columns
// j..j+31 of op(B) row k0+p), columns past nc zero.
static void pack_b(int transB, const float *b, long ldb, long k0, long kc, long j0, long nc, float *dst) {
    for (long j = 0; j < nc; j += NR, dst += kc * NR) {
        long w = nc - j < NR ? nc - j : NR;
        if (!transB) {
            for (long p = 0; p < kc; p++) {
                const float *src = b + (k0 + p) * ldb + j0 + j;
                float *row = dst + p * NR;
                memcpy(row, src, (size_t)w * sizeof(float));
                if (w < NR) memset(row + w, 0, (size_t)(NR - w) * sizeof(float));
            }
        } else {
            if (w < NR) memset(dst, 0, (size_t)(kc * NR) * sizeof(float));
            for (long jj = 0; jj < w; jj++) {
                const float *src = b + (j0 + j + jj) * ldb + k0;
                for (long p = 0; p < kc; p++) dst[p * NR + jj] = src[p];
            }
        }
    }
}

// op(A) rows i0..i0+mr (mr ≤ 8), inner k0..k0+kc → kc × 8 (row p holds op(A)[i0..i0+7, k0+p]), rows past mr zero.
static void pack_a(int transA, const float *a, long lda, long i0, long mr, long k0, long kc, float *dst) {
    if (transA) {
        for (long p = 0; p < kc; p++) {
            const float *src = a + (k0 + p) * lda + i0;
            float *row = dst + p * MR;
            for (long r = 0; r < mr; r++) row[r] = src[r];
            for (long r = mr; r < MR; r++) row[r] = 0;
        }
    } else {
        if (mr < MR) memset(dst, 0, (size_t)(kc * MR) * sizeof(float));
        for (long r = 0; r < mr; r++) {
            const float *src = a + (i0 + r) * lda + k0;
            for (long p = 0; p < kc; p++) dst[p * MR + r] = src[p];
        }
    }
}

#define ROW_FMA(r) { __m512 ar = _mm512_set1_ps(a[(r) * rs + p * ps]); \
    acc[2 * (r)] = _mm512_fmadd_ps(ar, b0, acc[2 * (r)]); acc[2 * (r) + 1] = _mm512_fmadd_ps(ar, b1, acc[2 * (r) + 1]); }

// C[0..mr, 0..nr] (row stride ldc) = beta · C + alpha · (A · pb) over kc inner steps, where pb is a packed
// kc × 32 panel and A's element (r, p) is a[r · rs + p · ps] (r < 8: rows past mr must be readable);
// beta == 0 writes without reading C.
__attribute__((always_inline, target("avx512f,fma")))
static inline void kernel_8x32(long kc, const float *a, long rs, long ps, const float *pb, float *c, long ldc,
                               long mr, long nr, float alpha, float beta) {
    __m512 acc[16];
    for (int i = 0; i < 16; i++) acc[i] = _mm512_setzero_ps();  // constant indices only: stays in registers
    for (long p = 0; p < kc; p++, pb += NR) {
        __m512 b0 = _mm512_load_ps(pb), b1 = _mm512_load_ps(pb + 16);
        ROW_FMA(0) ROW_FMA(1) ROW_FMA(2) ROW_FMA(3) ROW_FMA(4) ROW_FMA(5) ROW_FMA(6) ROW_FMA(7)
    }
    __mmask16 m0 = nr >= 16 ? 0xFFFF : (__mmask16)((1u << nr) - 1);
    __mmask16 m1 = nr >= 32 ? 0xFFFF : nr <= 16 ? 0 : (__mmask16)((1u << (nr - 16)) - 1);
    __m512 va = _mm512_set1_ps(alpha), vb = _mm512_set1_ps(beta);
#define STORE_ROW(r) if ((r) < mr) { float *cr = c + (r) * ldc; \
        __m512 x0 = _mm512_mul_ps(va, acc[2 * (r)]), x1 = _mm512_mul_ps(va, acc[2 * (r) + 1]); \
        if (beta != 0) { x0 = _mm512_fmadd_ps(vb, _mm512_maskz_loadu_ps(m0, cr), x0); \
                         x1 = _mm512_fmadd_ps(vb, _mm512_maskz_loadu_ps(m1, cr + 16), x1); } \
        _mm512_mask_storeu_ps(cr, m0, x0); _mm512_mask_storeu_ps(cr + 16, m1, x1); }
    STORE_ROW(0) STORE_ROW(1) STORE_ROW(2) STORE_ROW(3) STORE_ROW(4) STORE_ROW(5) STORE_ROW(6) STORE_ROW(7)
#undef STORE_ROW
}

// A packed by pack_a (kc × 8).
__attribute__((target("avx512f,fma")))
static void kernel_packed(long kc, const float *pa, const float *pb, float *c, long ldc, long mr, long nr, float alpha, float beta) {
    kernel_8x32(kc, pa, 1, MR, pb, c, ldc, mr, nr, alpha, beta);
}

// Eight full rows of an untransposed A read in place (row stride lda): no gather into a packed block.
__attribute__((target("avx512f,fma")))
static void kernel_rows(long kc, const float *a, long lda, const float *pb, float *c, long ldc, long nr, float alpha, float beta) {
    kernel_8x32(kc, a, lda, 1, pb, c, ldc, MR, nr, alpha, beta);
}

void cgemm_sgemm(int transA, int transB, long m, long n, long k, float alpha,
                 const float *a, long lda, const float *b, long ldb, float beta, float *c, long ldc) {
    long chunks = (k + KC_MAX - 1) / KC_MAX;
    long kcMax = (k + chunks - 1) / chunks;
    long ncMax = (PACKED_B_FLOATS / kcMax) / NR * NR;
    if (ncMax < NR) ncMax = NR;
    float *pb = reserve(&packed_b, &packed_b_floats, (size_t)(kcMax * ((ncMax < n ? ncMax : n) + NR)));
    float *pa = reserve(&packed_a, &packed_a_floats, (size_t)(kcMax * MR));
    for (long j0 = 0; j0 < n; j0 += ncMax) {
        long nc = n - j0 < ncMax ? n - j0 : ncMax;
        for (long k0 = 0; k0 < k; k0 += kcMax) {
            long kc = k - k0 < kcMax ? k - k0 : kcMax;
            float chunkBeta = k0 == 0 ? beta : 1;
            pack_b(transB, b, ldb, k0, kc, j0, nc, pb);
            for (long i0 = 0; i0 < m; i0 += MR) {
                long mr = m - i0 < MR ? m - i0 : MR;
                int inPlace = !transA && mr == MR;
                if (!inPlace) pack_a(transA, a, lda, i0, mr, k0, kc, pa);
                for (long j = 0; j < nc; j += NR) {
                    long nr = nc - j < NR ? nc - j : NR;
                    const float *panel = pb + (j / NR) * kc * NR;
                    float *cij = c + i0 * ldc + j0 + j;
                    if (inPlace) kernel_rows(kc, a + i0 * lda + k0, lda, panel, cij, ldc, nr, alpha, chunkBeta);
                    else kernel_packed(kc, pa, panel, cij, ldc, mr, nr, alpha, chunkBeta);
                }
            }
        }
    }
}
#endif
