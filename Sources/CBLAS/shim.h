#include <cblas.h>
#if defined(__linux__)
#include <malloc.h>  /* mallopt: TensorRuntime.keepBuffersResident */
#endif
