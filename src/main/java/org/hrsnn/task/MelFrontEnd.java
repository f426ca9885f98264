package org.hrsnn.task;

import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * Speech front end: Hamming-windowed frames, power spectrum by FFT (Commons Math), triangular filters
 * equally spaced on the mel scale, log energies. One row of the result per frame, one column per band.
 *
 * @param sampleRate  Hz
 * @param frameLength samples per frame
 * @param hop         samples between frame starts
 * @param fftSize     FFT length (a power of two, >= frameLength)
 * @param bands       number of mel filters
 * @param fMin        lowest filter edge, Hz
 * @param fMax        highest filter edge, Hz (at most sampleRate / 2)
 */
public record MelFrontEnd(int sampleRate, int frameLength, int hop, int fftSize, int bands, double fMin, double fMax) {
    /** 8 kHz speech: 25 ms frames every 10 ms, 256-point FFT, 20 bands from 50 Hz to 4 kHz. */
    public static final MelFrontEnd SPEECH_8K = new MelFrontEnd(8000, 200, 80, 256, 20, 50, 4000);

    public MelFrontEnd {
        if (Integer.bitCount(fftSize) != 1 || fftSize < frameLength) throw new IllegalArgumentException("fftSize must be a power of two >= frameLength");
        if (!(fMin >= 0 && fMax > fMin && fMax <= sampleRate / 2.0)) throw new IllegalArgumentException("need 0 <= fMin < fMax <= sampleRate/2");
        if (bands < 1 || hop < 1) throw new IllegalArgumentException("bands and hop must be >= 1");
    }

    static double mel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    static double hz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }

    /** Filter edges in Hz: bands + 2 points equally spaced in mel; filter b spans edges b .. b+2, peak at b+1. */
    double[] edges() {
        double lo = mel(fMin), hi = mel(fMax);
        double[] e = new double[bands + 2];
        for (int i = 0; i < e.length; i++) e[i] = hz(lo + i * (hi - lo) / (bands + 1));
        return e;
    }

    /** Log mel energies of {@code signal}: [frames][bands]; at least one frame (zero-padded). */
    public double[][] frames(double[] signal) {
        int count = Math.max(1, 1 + (signal.length - frameLength) / hop);
        double[] edges = edges();
        double[][] weights = new double[bands][fftSize / 2 + 1];
        for (int b = 0; b < bands; b++)
            for (int k = 0; k <= fftSize / 2; k++) {
                double f = (double) k * sampleRate / fftSize;
                double up = (f - edges[b]) / (edges[b + 1] - edges[b]), down = (edges[b + 2] - f) / (edges[b + 2] - edges[b + 1]);
                weights[b][k] = Math.max(0, Math.min(up, down));
            }
        FastFourierTransformer fft = new FastFourierTransformer(DftNormalization.STANDARD);
        double[][] out = new double[count][bands];
        double[] buf = new double[fftSize];
        for (int fr = 0; fr < count; fr++) {
            java.util.Arrays.fill(buf, 0);
            for (int i = 0; i < frameLength; i++) {
                int at = fr * hop + i;
                double w = 0.54 - 0.46 * Math.cos(2 * Math.PI * i / (frameLength - 1));
                buf[i] = at < signal.length ? signal[at] * w : 0;
            }
            Complex[] spectrum = fft.transform(buf, TransformType.FORWARD);
            for (int b = 0; b < bands; b++) {
                double e = 0;
                for (int k = 0; k <= fftSize / 2; k++) {
                    if (weights[b][k] == 0) continue;
                    double re = spectrum[k].getReal(), im = spectrum[k].getImaginary();
                    e += weights[b][k] * (re * re + im * im);
                }
                out[fr][b] = Math.log(e + 1e-10);
            }
        }
        return out;
    }
}
