// Max pooling's window in C, compiled three times (AVX-512, AVX2, baseline x86-64) and chosen at load time
// by the CPU (`target_clones`, as OpenBLAS chooses its kernels).
//
// Why by hand, in C: Swift builds for baseline x86-64, where an eight-lane select is an and, an and-not and
// an or of SSE halves; max pooling's compares and selects were 8% of an MNIST convnet's cycles that way.
// Swift cannot compile one function for several instruction sets, so the loops live here. The operations
// are the generic Swift path's (`Pooling2DPass`, which runs Double for the gradient checks), in the same
// order: the same bits, which the tests check against it.
#include "CKernels.h"
#include "Clones.h"

/// The maximum per channel of the window's cells (rows `row ..< row + rows`, columns `column ..< column +
/// columns` of an image `width` cells wide, `channels` values per cell), into `out`; with `picks`, each
/// channel's first cell (row by row) holding the maximum, as an index into the image. The first cell
/// starts the maximum; a later cell replaces it when `value >= best` and becomes the pick only when
/// `value > best`. With `relu`, `out` is then `out <= 0 ? 0 : out`.
RUNNER_CLONES
void runner_max_window_f32(const float *restrict image, long width, long channels, long row, long rows, long column,
                           long columns, float *restrict out, int32_t *restrict picks, int relu) {
    const long start = (row * width + column) * channels;
    for (long c = 0; c < channels; c++) out[c] = image[start + c];
    if (picks) {
        for (long c = 0; c < channels; c++) picks[c] = (int32_t)(start + c);
    }
    for (long iy = row; iy < row + rows; iy++) {
        for (long ix = iy == row ? column + 1 : column; ix < column + columns; ix++) {
            const float *restrict cell = image + (iy * width + ix) * channels;
            const int32_t offset = (int32_t)((iy * width + ix) * channels);
            if (picks) {
                for (long c = 0; c < channels; c++) {
                    const float value = cell[c], best = out[c];
                    picks[c] = value > best ? offset + (int32_t)c : picks[c];
                    out[c] = value >= best ? value : best;
                }
            } else {
                for (long c = 0; c < channels; c++) {
                    const float value = cell[c], best = out[c];
                    out[c] = value >= best ? value : best;
                }
            }
        }
    }
    if (relu) {
        for (long c = 0; c < channels; c++) out[c] = out[c] <= 0 ? 0 : out[c];
    }
}

/// Max pooling's backward for one sample when the windows tile the image (strides equal to the window, no
/// padding, `outHeight * windowHeight <= height` and the same across): every cell of `dx` written once, in
/// order — the window's gradient `d + 0` where the cell is the channel's pick, 0 elsewhere and in the rows
/// and columns no window reaches. `d` is `dy`, or with `gate` (the pooled outputs, when the relu before the
/// pooling is applied here) `gate > 0 ? dy : 0`. The scatter it replaces added `0 + d` into a zeroed image,
/// one window per cell: the same bits, -0 included.
RUNNER_CLONES
void runner_max_pool_backward_tiled_f32(const float *restrict dy, const float *restrict gate, const int32_t *restrict picks,
                                        float *restrict dx, long height, long width, long channels, long windowHeight,
                                        long windowWidth, long outHeight, long outWidth) {
    const long coveredColumns = outWidth * windowWidth, coveredRows = outHeight * windowHeight;
    for (long oy = 0; oy < outHeight; oy++) {
        for (long iy = oy * windowHeight; iy < (oy + 1) * windowHeight; iy++) {
            for (long ox = 0; ox < outWidth; ox++) {
                const long o = (oy * outWidth + ox) * channels;
                for (long ix = ox * windowWidth; ix < (ox + 1) * windowWidth; ix++) {
                    const long offset = (iy * width + ix) * channels;
                    for (long c = 0; c < channels; c++) {
                        float d = dy[o + c];
                        if (gate) d = gate[o + c] > 0 ? d : 0;
                        d = d + 0.0f;
                        dx[offset + c] = picks[o + c] == (int32_t)(offset + c) ? d : 0;
                    }
                }
            }
            for (long i = (iy * width + coveredColumns) * channels; i < (iy + 1) * width * channels; i++) dx[i] = 0;
        }
    }
    for (long i = coveredRows * width * channels; i < height * width * channels; i++) dx[i] = 0;
}
