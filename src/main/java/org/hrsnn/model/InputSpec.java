package org.hrsnn.model;

/**
 * Input channels projected sparsely into the network.
 *
 * @param channels      number of input channels (dimension of the driving series)
 * @param encoding      how channel values become currents or spikes
 * @param toExcitatory  input line to E neurons
 * @param toInhibitory  input line to I neurons
 * @param randomSign    if true each input weight gets a random sign (useful for analog, zero-mean inputs)
 */
public record InputSpec(int channels, Encoding encoding, Pathway toExcitatory, Pathway toInhibitory, boolean randomSign) {
    public InputSpec {
        if (channels < 0) throw new InvalidSpecException("channels", "must be >= 0, got " + channels);
        Check.present("encoding", encoding);
        Check.nested("toExcitatory", toExcitatory, p -> {});
        Check.nested("toInhibitory", toInhibitory, p -> {});
    }

    public static InputSpec none() {
        return new InputSpec(0, new Encoding.Analog(), Pathway.NONE, Pathway.NONE, false);
    }

    public int lines() {
        return channels * encoding.linesPerChannel();
    }
}
