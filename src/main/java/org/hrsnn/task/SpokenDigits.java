package org.hrsnn.task;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The Free Spoken Digit Dataset from its archive ({@code .tar.gz} of {@code {digit}_{speaker}_{index}.wav},
 * 8 kHz 16-bit mono PCM), turned into log-mel frames. The usual split: index 0-4 of each speaker and
 * digit is the test set, the rest train. Samples are sorted by file name so the order does not depend on
 * the archive.
 */
public final class SpokenDigits {
    private static final Pattern NAME = Pattern.compile("(?:.*/)?(\\d)_([A-Za-z]+)_(\\d+)\\.wav");
    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    public record Split(LabelledSeries train, LabelledSeries test) {}

    private SpokenDigits() {}

    public static Split read(String source, InputStream tarGz, MelFrontEnd frontEnd) throws IOException, TsFormat.FormatException {
        record Item(String name, int digit, int index, double[][] frames) {}
        List<Item> items = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(tarGz)))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.isDirectory() || !e.getName().endsWith(".wav")) continue;
                Matcher m = NAME.matcher(e.getName());
                if (!m.matches()) throw new TsFormat.FormatException(source, 0, "entry '" + e.getName() + "' is not named {digit}_{speaker}_{index}.wav");
                byte[] bytes = tar.readAllBytes();
                double[] signal = pcm(source + "!" + e.getName(), bytes, frontEnd.sampleRate());
                items.add(new Item(e.getName(), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)), frontEnd.frames(signal)));
            }
        }
        if (items.isEmpty()) throw new TsFormat.FormatException(source, 0, "no .wav entries");
        items.sort(java.util.Comparator.comparing(Item::name));
        List<double[][]> trainX = new ArrayList<>(), testX = new ArrayList<>();
        List<Integer> trainY = new ArrayList<>(), testY = new ArrayList<>();
        for (Item it : items) {
            boolean test = it.index() <= 4;
            (test ? testX : trainX).add(it.frames());
            (test ? testY : trainY).add(it.digit());
        }
        int bands = frontEnd.bands();
        return new Split(new LabelledSeries("FSDD", trainX, trainY.stream().mapToInt(Integer::intValue).toArray(), DIGITS, bands),
                new LabelledSeries("FSDD", testX, testY.stream().mapToInt(Integer::intValue).toArray(), DIGITS, bands));
    }

    /** 16-bit mono PCM samples scaled to [-1, 1). */
    static double[] pcm(String name, byte[] wav, int expectedRate) throws IOException, TsFormat.FormatException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            AudioFormat f = in.getFormat();
            if (f.getChannels() != 1 || f.getSampleSizeInBits() != 16 || f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED
                    || Math.round(f.getSampleRate()) != expectedRate)
                throw new TsFormat.FormatException(name, 0, "expected " + expectedRate + " Hz 16-bit mono PCM, got " + f);
            byte[] data = in.readAllBytes();
            ByteBuffer b = ByteBuffer.wrap(data).order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            double[] x = new double[data.length / 2];
            for (int i = 0; i < x.length; i++) x[i] = b.getShort() / 32768.0;
            return x;
        } catch (UnsupportedAudioFileException e) {
            throw new TsFormat.FormatException(name, 0, "not a readable WAV file: " + e.getMessage());
        }
    }
}
