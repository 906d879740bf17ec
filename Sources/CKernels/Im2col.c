// A convolution's window packing (im2col) for Float images whose windows all lie inside (`valid`
// padding), compiled for AVX-512, AVX2 and baseline x86-64 and chosen at load time, as MaxPooling.c.
//
// Why by hand, in C: the packing is copies of short runs (3 floats per window row on a one-channel image,
// 96 on the MNIST convnet's second convolution), 7% of that convnet's cycles; Swift builds for baseline
// x86-64, where a run of 96 floats is 24 sixteen-byte moves. Copies give the same bits whatever the
// instruction set; the tests check them against the generic Swift path (`WindowGeometry.im2col`).
#include "CKernels.h"
#include "Clones.h"

#include <string.h>

/// One example's windows packed row after row: output position (oy, ox) is row `oy * outWidth + ox` of
/// `cols`, its window's `windowHeight` image rows of `windowWidth * channels` floats one after another.
/// Every window must lie inside the `height x width x channels` image.
RUNNER_CLONES
void runner_im2col_inside_f32(const float *restrict image, long height, long width, long channels, long windowHeight,
                              long windowWidth, long strideHeight, long strideWidth, long outHeight, long outWidth,
                              float *restrict cols) {
    const long run = windowWidth * channels, imageRow = width * channels;
    const float *const imageEnd = image + height * imageRow;
    float *const colsEnd = cols + outHeight * outWidth * windowHeight * run;
    float *target = cols;
    for (long oy = 0; oy < outHeight; oy++) {
        for (long ox = 0; ox < outWidth; ox++) {
            const float *source = image + (oy * strideHeight * width + ox * strideWidth) * channels;
            for (long ky = 0; ky < windowHeight; ky++) {
                if (run <= 4 && target + 4 <= colsEnd && source + 4 <= imageEnd) {
                    // A short run as one four-float move; the extra floats land in cells written next.
                    memcpy(target, source, 4 * sizeof(float));
                } else {
                    for (long i = 0; i < run; i++) target[i] = source[i];
                }
                source += imageRow;
                target += run;
            }
        }
    }
}
