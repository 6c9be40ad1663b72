-- The assistant's per-user throttle (assistant/Throttle, assistant/Messages): a user's answers since
-- a moment, and the oldest of them, counted after taking that user's throttle lock, which is held
-- until the calling transaction ends. Questions stored at the same moment so take turns, and each
-- counts the answers stored by the ones before it. The count has to be a query of this VOLATILE
-- function: such a query sees what other transactions committed until it starts, whereas a query of
-- the calling statement sees only what was committed when that statement began, before the lock was
-- granted.
CREATE FUNCTION assistant_answers_since(p_user BIGINT, p_since TIMESTAMPTZ)
    RETURNS TABLE (answers BIGINT, oldest TIMESTAMPTZ)
    LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    -- Two keys: the first names this use (no other lock of the service takes it), the second the
    -- user. An id past 2^31 shares its key with a smaller one, which only makes the two take turns.
    PERFORM pg_advisory_xact_lock(30, (p_user % 2147483648)::INTEGER);
    RETURN QUERY
        SELECT count(*), min(m.created_on) FROM assistant_messages m
        WHERE m.user_id = p_user AND m.role = 'assistant' AND m.created_on > p_since;
END
$$;
