/* fma and fmaf, correctly rounded (soft_fma.c); they take the place of
 * picolibc's, which round twice on soft-float RISC-V. */
#include <math.h>

double __vcc_soft_fma(double x, double y, double z);
float __vcc_soft_fmaf(float x, float y, float z);

double fma(double x, double y, double z) { return __vcc_soft_fma(x, y, z); }
float fmaf(float x, float y, float z) { return __vcc_soft_fmaf(x, y, z); }
