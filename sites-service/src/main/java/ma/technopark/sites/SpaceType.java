package ma.technopark.sites;

/** Kinds of space within a site. */
public enum SpaceType {
    OPEN_WORKSPACE,
    PRIVATE_OFFICE,
    COWORKING_POSITION,
    TRAINING_ROOM,
    MEETING_ROOM,
    COLLABORATIVE_SPACE,
    EVENT_HALL
}
