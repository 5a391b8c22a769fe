package io.bizmaster.broker;



/** The broker's addresses and queues, named once. */
public final class Destinations {

    /** Where AppCenters post business commands. */
    public static final String COMMANDS = "biz.commands";
    /** Multicast address that copies every logged command to each store's queue. */
    public static final String FEED = "biz.feed";
    public static final String DEAD_LETTER = "biz.dead-letter";

    private Destinations() {
    }

    public static String storeQueue(String store) {
        return "biz.store." + store;
    }

    /** Fully qualified queue name, so JMS consumers read the store's own queue on the multicast address. */
    public static String storeQueueFqqn(String store) {
        return FEED + "::" + storeQueue(store);
    }
}
