#ifndef RUNNER_CKERNELS_H
#define RUNNER_CKERNELS_H

#include <stdint.h>

/// One max pooling window over a channels-last Float image: see MaxPooling.c.
void runner_max_window_f32(const float *image, long width, long channels, long row, long rows, long column,
                           long columns, float *out, int32_t *picks, int relu);

/// Max pooling's backward for one sample whose windows tile the image: see MaxPooling.c.
void runner_max_pool_backward_tiled_f32(const float *dy, const float *gate, const int32_t *picks, float *dx, long height,
                                        long width, long channels, long windowHeight, long windowWidth, long outHeight,
                                        long outWidth);

/// One example's windows packed (im2col) when every window lies inside the image: see Im2col.c.
void runner_im2col_inside_f32(const float *image, long height, long width, long channels, long windowHeight,
                              long windowWidth, long strideHeight, long strideWidth, long outHeight, long outWidth,
                              float *cols);

#endif
